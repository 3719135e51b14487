; Sanctuary Portfolio's Windows installer: for one user, no administrator rights.
;
; Built by Debian's makensis (3.08) in tests/windows/check.sh, and by the hosted release workflow
; (.github/workflows/build.yml) with the same script. Tauri's own NSIS bundler is not used: it downloads
; a plugin while building and makes a 32-bit installer.
;
;   makensis -DVERSION=0.1.0 -DPAYLOAD=<folder> -DOUTFILE=<setup.exe> installer.nsi
;
; PAYLOAD holds sanctuary-portfolio.exe (the app), sanctuary.exe (the command line), WebView2Loader.dll,
; icon.ico and copyright.txt.
;
; What it does: copies those files to %LOCALAPPDATA%\Programs\Sanctuary Portfolio, adds a Start-menu
; shortcut and an entry in "Installed apps" (HKCU), and writes uninstall.exe. The uninstaller removes
; exactly those, and never the school's data folder (%APPDATA%\org.sanctuaryportfolio.app).
; Silent: `setup.exe /S` and `uninstall.exe /S`.

Unicode true
Target amd64-unicode
RequestExecutionLevel user
ManifestDPIAware true
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "give the version: -DVERSION=0.1.0"
!endif
!ifndef PAYLOAD
  !error "give the folder of files to install: -DPAYLOAD=..."
!endif
!ifndef OUTFILE
  !define OUTFILE "sanctuary-portfolio-${VERSION}-windows-x64.exe"
!endif

!define PRODUCT "Sanctuary Portfolio"
!define APP_EXE "sanctuary-portfolio.exe"
!define PUBLISHER "Sanctuary Portfolio developers"
; Same as tauri.conf.json's identifier: the uninstall entry's key and, under %APPDATA%, the data folder.
!define IDENTIFIER "org.sanctuaryportfolio.app"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${IDENTIFIER}"
; Microsoft Edge WebView2 Runtime's product code, under which Windows records its installed version.
!define WEBVIEW2_CLIENT "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1033 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1033 "FileDescription" "${PRODUCT} installer"
VIAddVersionKey /LANG=1033 "LegalCopyright" "${PUBLISHER} (MIT licence)"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!define MUI_ICON "${PAYLOAD}\icon.ico"
!define MUI_UNICON "${PAYLOAD}\icon.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Welsh"

LangString NoWebView2 ${LANG_ENGLISH} "${PRODUCT} is installed, but this computer lacks the Microsoft Edge WebView2 Runtime, which shows its window. Windows 10 and 11 normally include it. Ask your IT technician to install the Evergreen WebView2 Runtime from Microsoft, then start ${PRODUCT} from the Start menu."
LangString NoWebView2 ${LANG_WELSH} "Mae ${PRODUCT} wedi'i osod, ond nid yw'r Microsoft Edge WebView2 Runtime, sy'n dangos ei ffenestr, ar y cyfrifiadur hwn. Fel arfer mae'n rhan o Windows 10 ac 11. Gofynnwch i'ch technegydd TG osod yr Evergreen WebView2 Runtime gan Microsoft, yna agorwch ${PRODUCT} o'r ddewislen Start."

; Pushes "yes" when Windows records a WebView2 Runtime for the machine (either registry view) or for
; this user, else "no". A version of 0.0.0.0 is what a removed runtime leaves behind.
Function HasWebView2
  ReadRegStr $1 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ReadRegStr $2 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ReadRegStr $3 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ${If} $1 != ""
  ${AndIf} $1 != "0.0.0.0"
    Push "yes"
  ${ElseIf} $2 != ""
  ${AndIf} $2 != "0.0.0.0"
    Push "yes"
  ${ElseIf} $3 != ""
  ${AndIf} $3 != "0.0.0.0"
    Push "yes"
  ${Else}
    Push "no"
  ${EndIf}
FunctionEnd

Section "${PRODUCT}"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${PAYLOAD}\${APP_EXE}"
  File "${PAYLOAD}\sanctuary.exe"
  File "${PAYLOAD}\WebView2Loader.dll"
  File "${PAYLOAD}\icon.ico"
  File "${PAYLOAD}\copyright.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\icon.ico" 0

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\icon.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1

  ; The window needs the WebView2 Runtime (installed for the machine or for this user). Say so now,
  ; in words, rather than leave the coordinator with a program that will not open. A silent install
  ; (/S) goes on without asking: IT deploys the runtime its own way.
  Call HasWebView2
  Pop $0
  ${If} $0 == "no"
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(NoWebView2)" /SD IDOK
  ${EndIf}
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\sanctuary.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\icon.ico"
  Delete "$INSTDIR\copyright.txt"
  Delete "$INSTDIR\uninstall.exe"
  ; Only if empty: anything the user put there stays.
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  ; The school's data folder (%APPDATA%\${IDENTIFIER}) and its backups are left alone on purpose.
SectionEnd
