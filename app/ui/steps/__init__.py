"""The steps recorder's faces: the recording bar, the controller behind it, the review."""
