; kishomail (気象メール) — Windows installer.
;
; Build on Windows (or on Linux with the `nsis` package, which proves the script compiles):
;   makensis -DDIST=<the PyInstaller folder dist\kishomail> [-DVERSION=0.1.0] [-DOUTFILE=...]
;            [-DNOCOMPRESS]
;            installer\windows\kishomail.nsi
;
; What it does:
;   * installs the one-folder bundle into Program Files\kishomail (all users);
;   * a Start-menu folder with 気象メール (the desktop app) and its uninstaller;
;   * runs `kishomail selftest` once and says so if the installation does not work;
;   * an upgrade installs over the previous version: the program folder is replaced, the data
;     folder is never touched (the program itself backs the store up before it migrates it);
;   * the uninstaller removes the program and KEEPS the data folder (the encrypted store, its
;     key file, backups, the local mailbox, logs) unless the administrator ticks "also delete
;     the data" and confirms. Deleting the folder is not the certified erasure at contract end:
;     see the administrator manual for that.

Unicode true
!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"

!ifndef DIST
  !error "Give the PyInstaller folder: makensis -DDIST=dist\kishomail kishomail.nsi"
!endif
!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef OUTFILE
  !define OUTFILE "${DIST}\..\kishomail-setup-${VERSION}.exe"
!endif

!define APP        "kishomail"
!define APP_JA     "気象メール"
!define PUBLISHER  "新宿区危機管理課 (Shinjuku City Crisis Management Division)"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
!define ICON       "..\..\resources\icons\kishomail.ico"

Name "${APP_JA} (${APP}) ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP}"
InstallDirRegKey HKLM "${UNINST_KEY}" "InstallLocation"
RequestExecutionLevel admin
!ifdef NOCOMPRESS  ; for a quick check that the script compiles (tests)
  SetCompress off
!else
  SetCompressor /SOLID lzma
!endif
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_JA} installer"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\kishomail-gui.exe"
!define MUI_COMPONENTSPAGE_NODESC

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Japanese"
!insertmacro MUI_LANGUAGE "English"

LangString SelftestFailed ${LANG_JAPANESE} "インストールした kishomail の自己診断 (kishomail selftest) が失敗しました。インストールし直し、直らなければ担当者に連絡してください。"
LangString SelftestFailed ${LANG_ENGLISH} "The self-test of the installed kishomail (kishomail selftest) failed. Install again; if it stays, report it."
LangString StillRunning ${LANG_JAPANESE} "kishomail が起動中です。終了してから「再試行」を押してください。"
LangString StillRunning ${LANG_ENGLISH} "kishomail is running. Close it, then press Retry."
LangString ServiceSection ${LANG_JAPANESE} "Windows サービスとして登録する（ログオンしていなくても24時間配信）"
LangString ServiceSection ${LANG_ENGLISH} "Install as a Windows service (alerts round the clock, nobody logged in)"
LangString ServiceHint ${LANG_JAPANESE} "次の画面で管理者アカウントとパスワードを入力してください（サービス用の鍵をこのPCに登録します）。"
LangString ServiceHint ${LANG_ENGLISH} "In the next window, type an administrator's account and password (this registers the service's key on this PC)."
LangString ServiceFailed ${LANG_JAPANESE} "サービスを登録できませんでした。後で管理者が kishomail service install を実行してください。"
LangString ServiceFailed ${LANG_ENGLISH} "The service could not be installed. An administrator can run 'kishomail service install' later."
LangString DeleteData ${LANG_JAPANESE} "データも削除する（暗号化ストア・鍵ファイル・バックアップ・ログ）"
LangString DeleteData ${LANG_ENGLISH} "Also delete the data (encrypted store, key file, backups, logs)"
LangString ConfirmDelete ${LANG_JAPANESE} "データフォルダ $LOCALAPPDATA\${APP} を完全に削除します。登録者情報・操作ログ・バックアップも失われ、元に戻せません。よろしいですか？"
LangString ConfirmDelete ${LANG_ENGLISH} "This deletes the data folder $LOCALAPPDATA\${APP} for good: subscribers, audit log and backups are lost and cannot be restored. Go on?"
LangString DataKept ${LANG_JAPANESE} "データフォルダは残しました: $LOCALAPPDATA\${APP}"
LangString DataKept ${LANG_ENGLISH} "The data folder was kept: $LOCALAPPDATA\${APP}"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "kishomail needs 64-bit Windows."
    Abort
  ${EndIf}
  SetRegView 64
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

; The program must not run while its files are replaced.
!macro WaitUntilClosed
  retry:
    ClearErrors
    FileOpen $0 "$INSTDIR\kishomail-gui.exe" a
    ${If} ${Errors}
      ${If} ${FileExists} "$INSTDIR\kishomail-gui.exe"
        MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(StillRunning)" /SD IDCANCEL IDRETRY retry
        Abort
      ${EndIf}
    ${Else}
      FileClose $0
    ${EndIf}
!macroend

Section "kishomail" SecMain
  SectionIn RO
  SetShellVarContext all
  !insertmacro WaitUntilClosed
  ; An upgrade replaces the whole runtime: no stale module of the old version stays behind.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${DIST}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APP_JA}"
  CreateShortcut "$SMPROGRAMS\${APP_JA}\${APP_JA}.lnk" "$INSTDIR\kishomail-gui.exe" "" \
    "$INSTDIR\kishomail-gui.exe" 0
  CreateShortcut "$SMPROGRAMS\${APP_JA}\${APP_JA} のアンインストール.lnk" "$INSTDIR\uninstall.exe"

  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "${APP_JA} (${APP})"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\kishomail-gui.exe"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1

  ; Prove the installed copy works: a temporary store, the bundled telegrams, a mail over TLS
  ; to the loopback sink. Nothing of the office's data is touched.
  DetailPrint "kishomail selftest …"
  nsExec::ExecToLog '"$INSTDIR\kishomail.exe" selftest --no-error-dialogs'
  Pop $0
  ${If} $0 != 0
    MessageBox MB_ICONEXCLAMATION "$(SelftestFailed)" /SD IDOK
  ${EndIf}
SectionEnd

; Off by default: the engine as a Windows service of its own (automatic start at boot, restart on
; failure, its own virtual account NT SERVICE\kishomail). `service install` asks an
; administrator's kishomail login in a console window: the installer never sees the password.
Section /o "$(ServiceSection)" SecService
  SetShellVarContext all  ; $APPDATA is then C:\ProgramData: the machine-wide data folder
  MessageBox MB_ICONINFORMATION "$(ServiceHint)" /SD IDOK
  ExecWait '"$SYSDIR\cmd.exe" /c ""$INSTDIR\kishomail.exe" --data-dir "$APPDATA\${APP}" service install & pause"' $0
  ${If} $0 != 0
    MessageBox MB_ICONEXCLAMATION "$(ServiceFailed)" /SD IDOK
  ${EndIf}
SectionEnd

Section "un.kishomail" UnSecMain
  SectionIn RO
  SetShellVarContext all
  ; The Windows service goes first (it holds the program's files open), and with it the
  ; machine's service secret: the key file's service slot no longer opens anything.
  nsExec::ExecToLog 'sc.exe stop kishomail'
  nsExec::ExecToLog 'sc.exe delete kishomail'
  RMDir /r "$APPDATA\${APP}-service"
  !insertmacro WaitUntilClosed
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\kishomail.exe"
  Delete "$INSTDIR\kishomail-gui.exe"
  Delete "$INSTDIR\kishomail-service.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  RMDir /r "$SMPROGRAMS\${APP_JA}"
  DeleteRegKey HKLM "${UNINST_KEY}"
SectionEnd

; Off by default: the data folder outlives the program unless the administrator asks.
Section /o "un.$(DeleteData)" UnSecData
  SetShellVarContext current
  MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "$(ConfirmDelete)" /SD IDNO IDYES delete
    DetailPrint "$(DataKept)"
    Goto done
  delete:
    RMDir /r "$LOCALAPPDATA\${APP}"
  done:
SectionEnd

Function un.onInit
  SetRegView 64
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd
