"""Entry point of the frozen ``kishomail-service.exe`` (Windows only): the pywin32 shell that
the Service Control Manager starts; the work is ``dispatch.cli.windows_service.ServiceHost``.

Registered by ``kishomail service install`` (``sc.exe create kishomail binPath= "…\\kishomail-
service.exe" --data-dir …``, automatic delayed start, recovery: restart). PyInstaller needs
``win32timezone`` as a hidden import for pywin32's service framework (see kishomail.spec).
"""

import sys

if sys.platform == "win32":
    import servicemanager
    import win32event
    import win32service
    import win32serviceutil

    from dispatch.base.paths import resolve_data_dir
    from dispatch.cli.windows_service import ServiceHost

    _STATES = {
        "running": win32service.SERVICE_RUNNING,
        "stopping": win32service.SERVICE_STOP_PENDING,
        "stopped": win32service.SERVICE_STOPPED,
    }

    class KishomailService(win32serviceutil.ServiceFramework):
        _svc_name_ = "kishomail"
        _svc_display_name_ = "kishomail 気象メール engine"
        _svc_description_ = "Weather-alert mail: polls JMA and sends the ward's alerts."

        def __init__(self, args):
            super().__init__(args)
            data_dir = None
            if "--data-dir" in sys.argv:
                data_dir = sys.argv[sys.argv.index("--data-dir") + 1]
            self.host = ServiceHost(resolve_data_dir(data_dir), self._report)
            self.stopped = win32event.CreateEvent(None, 0, 0, None)

        def _report(self, state):
            if state != "stopped":  # the framework reports STOPPED itself after SvcDoRun
                self.ReportServiceStatus(_STATES[state], waitHint=150_000)

        def SvcStop(self):
            self.host.stop()

        def SvcShutdown(self):
            self.host.stop()

        def SvcDoRun(self):
            servicemanager.LogInfoMsg("kishomail service starting")
            code = self.host.run()
            if code != 0:
                # Ending with an error makes the SCM's recovery actions restart the service.
                sys.exit(code)

    if __name__ == "__main__":
        servicemanager.Initialize()
        servicemanager.PrepareToHostSingle(KishomailService)
        servicemanager.StartServiceCtrlDispatcher()
else:  # pragma: no cover - the file is only bundled on Windows
    if __name__ == "__main__":
        sys.exit("kishomail-service.exe is the Windows service; on Linux use the systemd unit.")
