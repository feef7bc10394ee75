; Upstander installer for Windows (makensis from Debian's nsis; tools/build-windows.sh runs it).
; Per-user: no administrator rights, installs into %LOCALAPPDATA%\Programs\Upstander, a Start-menu
; shortcut and an uninstaller (also listed in Settings > Apps for this user).
Unicode true
; A 64-bit installer: it is a 64-bit program, and a Wine with only wine64 runs it too.
Target amd64-unicode
!ifndef VERSION
  !error "makensis -DVERSION=x.y.z -DSTAGE=folder -DOUTFILE=file upstander.nsi"
!endif
Name "Upstander ${VERSION}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\Upstander"
SetCompressor /SOLID lzma
ShowInstDetails show

Page directory
Page instfiles
UninstPage uninstConfirm
UninstPage instfiles

!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Upstander"

Section "Upstander"
  SetOutPath "$INSTDIR"
  File /r "${STAGE}\*.*"
  WriteUninstaller "$INSTDIR\Uninstall Upstander.exe"
  CreateDirectory "$SMPROGRAMS\Upstander"
  CreateShortcut "$SMPROGRAMS\Upstander\Upstander.lnk" "$INSTDIR\upstander.exe"
  CreateShortcut "$SMPROGRAMS\Upstander\Uninstall Upstander.lnk" "$INSTDIR\Uninstall Upstander.exe"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "Upstander"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\Uninstall Upstander.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall Upstander.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
SectionEnd

Section "Uninstall"
  ; The program only: sessions and settings in %LOCALAPPDATA%\Upstander and %APPDATA%\Upstander stay.
  RMDir /r "$INSTDIR"
  Delete "$SMPROGRAMS\Upstander\Upstander.lnk"
  Delete "$SMPROGRAMS\Upstander\Uninstall Upstander.lnk"
  RMDir "$SMPROGRAMS\Upstander"
  DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd
