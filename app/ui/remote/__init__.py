"""Remote help's faces: the consent dialog, the sharing bar and the controller that runs them."""
