// Copying text, for both browser apps (the web client and the manager console). The Clipboard API
// exists only on secure pages (HTTPS or localhost), and Sotong on a LAN often runs on plain HTTP,
// so a hidden text area and execCommand('copy') stand in there.

export async function copyText(text: string): Promise<boolean> {
  if (window.isSecureContext && navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // fall through: a permission or focus problem; the old way may still work
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } finally {
    area.remove();
  }
}
