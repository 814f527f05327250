import { t } from '../../lib/i18n.ts';
import { CloseIcon } from './icons.tsx';

/** The title row of a drawer beside the chat, with its close button. */
export function DrawerHead({ title, onClose, closeTestid }: { title: string; onClose: () => void; closeTestid: string }) {
  return (
    <header class="drawer-head">
      <h2>{title}</h2>
      <button type="button" class="icon-btn" onClick={onClose} aria-label={t.close} title={t.close} data-testid={closeTestid}>
        <CloseIcon size={20} />
      </button>
    </header>
  );
}
