/** The parts of Electron's `app` this needs. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: () => void): unknown;
}

/**
 * Only one Sotong may run: a second would fight the first for the port and the database. The
 * second launch quits at once and the first shows its window instead (what people expect after
 * double-clicking the shortcut of an app already in the tray). Returns false in the second one.
 */
export function claimSingleInstance(app: SingleInstanceApp, onSecondLaunch: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', onSecondLaunch);
  return true;
}
