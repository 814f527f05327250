; Included by electron-builder's NSIS installer (nsis.include in electron-builder.yml).
;
; The server listens on the LAN, so Windows Firewall has to let other PCs in. Without a rule,
; Windows pops up its own "allow access?" dialog the first time the server starts, which needs
; an administrator and is easy to dismiss by mistake. The rule is scoped to our executable:
; Electron's utility process that runs the server is the same Sotong.exe.
;
; netsh needs administrator rights. In a per-machine install the installer is elevated and the
; rule is added; in a "just for me" install it fails quietly and Windows asks at first start.
;
; The rule covers the Private and Domain profiles only: on a network Windows calls Public (a café,
; a hotel) nobody can reach the server, and its .local name (mDNS, UDP 5353, same program) is
; not answered there either.

!macro customInstall
  ; Delete first so reinstalling or upgrading never leaves two rules with the same name.
  nsExec::ExecToLog '"$SYSDIR\netsh.exe" advfirewall firewall delete rule name="Sotong"'
  Pop $0
  nsExec::ExecToLog '"$SYSDIR\netsh.exe" advfirewall firewall add rule name="Sotong" dir=in action=allow program="$INSTDIR\${APP_EXECUTABLE_FILENAME}" profile=private,domain enable=yes'
  Pop $0
  ${if} $0 != 0
    DetailPrint "Windows Firewall rule not added (exit code $0); Windows will ask for access when Sotong first starts."
  ${endif}
  ; The per-machine data folder (electron/main/paths.ts): made here so whoever signs in and runs
  ; the tray app may write to it; never removed by uninstall or update.
  ExpandEnvStrings $1 "%PROGRAMDATA%"
  CreateDirectory "$1\Sotong"
  nsExec::ExecToLog '"$SYSDIR\icacls.exe" "$1\Sotong" /grant *S-1-5-32-545:(OI)(CI)M'
  Pop $0
!macroend

!macro customUnInstall
  ; An upgrade runs the old uninstaller first; the new installer adds the rule back right after,
  ; so only a real uninstall removes it.
  ${ifNot} ${isUpdated}
    nsExec::ExecToLog '"$SYSDIR\netsh.exe" advfirewall firewall delete rule name="Sotong"'
    Pop $0
  ${endif}
!macroend
