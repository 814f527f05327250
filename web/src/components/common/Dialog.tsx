import type { ComponentChildren } from 'preact';
import { createPortal } from 'preact/compat';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../lib/i18n.ts';
import { CloseIcon } from './icons.tsx';

interface Props {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  footer?: ComponentChildren;
  testid?: string;
}

export function Dialog({ title, onClose, children, footer, testid }: Props) {
  const box = useRef<HTMLDivElement>(null);
  // Callers pass a fresh arrow each render; the listener and the first focus must not follow it.
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close.current();
    };
    window.addEventListener('keydown', onKey);
    box.current?.querySelector<HTMLElement>('.dialog-body input:not([type="range"]), [data-autofocus]')?.focus();
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  // In <body>, so no ancestor's opacity, overflow or transform can hide or clip it.
  return createPortal(
    <div class="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div class="dialog" role="dialog" aria-modal="true" aria-label={title} ref={box} data-testid={testid}>
        <header class="dialog-head">
          <h2>{title}</h2>
          <button type="button" class="icon-btn" onClick={onClose} aria-label={t.close} title={t.close}>
            <CloseIcon size={20} />
          </button>
        </header>
        <div class="dialog-body">{children}</div>
        {footer && <footer class="dialog-foot">{footer}</footer>}
      </div>
    </div>,
    document.body,
  );
}
