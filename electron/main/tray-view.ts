import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import type { TrayAction, TrayIconName, TrayModel } from './tray-state.ts';

/** Puts a TrayModel on screen; only touches Electron when the model actually changed. */
export class TrayView {
  private readonly tray: Tray;
  private shown = '';

  constructor(
    private readonly iconPath: (name: TrayIconName) => string,
    private readonly onAction: (action: TrayAction) => void,
    initial: TrayModel,
  ) {
    this.tray = new Tray(nativeImage.createFromPath(iconPath(initial.icon)));
    this.render(initial);
  }

  /** Windows opens the manager on a left click, like most tray apps. */
  onClick(listener: () => void): void {
    this.tray.on('click', listener);
  }

  render(model: TrayModel): void {
    const key = JSON.stringify(model);
    if (key === this.shown) return;
    const before = this.shown === '' ? null : (JSON.parse(this.shown) as TrayModel);
    this.shown = key;
    if (before?.icon !== model.icon) this.tray.setImage(nativeImage.createFromPath(this.iconPath(model.icon)));
    this.tray.setToolTip(model.tooltip);
    this.tray.setContextMenu(Menu.buildFromTemplate(model.menu.map((item) => this.toElectron(item))));
  }

  destroy(): void {
    this.tray.destroy();
  }

  private toElectron(item: TrayModel['menu'][number]): MenuItemConstructorOptions {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'status':
        return { label: item.label, enabled: false };
      case 'normal':
        return { label: item.label, enabled: item.enabled, click: () => this.onAction(item.action) };
      case 'checkbox':
        return { type: 'checkbox', label: item.label, checked: item.checked, enabled: item.enabled, click: () => this.onAction(item.action) };
    }
  }
}
