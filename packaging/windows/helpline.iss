; Inno Setup 6 script for a branded Helpline. packaging/build.py fills the
; placeholders (a key between at-signs) into DIST/recipes/<app-id>.iss, next to
; DIST/<app-id>/ (the onedir bundle built on Windows). Compile on Windows with:
;     "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" DIST\recipes\<app-id>.iss
;
; Silent install for software distribution (SCCM, Intune, GPO, PDQ):
;     <app-id>-<version>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /SP-
;     optional: /DIR="C:\Program Files\Acme Help" /LOG="C:\Windows\Temp\helpline-setup.log"
; Silent uninstall:
;     "C:\Program Files\<name>\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
;
; The policy file goes where platformdirs' site_config_dir("helpline") points:
; %PROGRAMDATA%\helpline\policy.toml. It is not replaced if IT already put one
; there (onlyifdoesntexist) and is kept on uninstall.

[Setup]
AppId=@APP_ID@
AppName=@NAME@
AppVersion=@VERSION@
AppPublisher=@PUBLISHER@
AppPublisherURL=@HOMEPAGE@
AppSupportURL=@HOMEPAGE@
DefaultDirName={autopf}\@NAME@
DefaultGroupName=@NAME@
DisableProgramGroupPage=yes
OutputDir=.
OutputBaseFilename=@APP_ID@-@VERSION@-setup
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
UninstallDisplayIcon={app}\@APP_ID@.exe
WizardStyle=modern

[Files]
Source: "..\@APP_ID@\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "policy.toml"; DestDir: "{commonappdata}\helpline"; Flags: onlyifdoesntexist uninsneveruninstall skipifsourcedoesntexist

[Icons]
Name: "{autoprograms}\@NAME@"; Filename: "{app}\@APP_ID@.exe"
Name: "{autoprograms}\@NAME@ - My requests"; Filename: "{app}\@APP_ID@.exe"; Parameters: "requests"

[Registry]
; The URL scheme: @SCHEME@://new?category=...&summary=... opens the wizard prefilled.
Root: HKLM; Subkey: "Software\Classes\@SCHEME@"; ValueType: string; ValueName: ""; ValueData: "URL:@NAME@"; Flags: uninsdeletekey
Root: HKLM; Subkey: "Software\Classes\@SCHEME@"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKLM; Subkey: "Software\Classes\@SCHEME@\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\@APP_ID@.exe"",0"
Root: HKLM; Subkey: "Software\Classes\@SCHEME@\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\@APP_ID@.exe"" open-url ""%1"""
