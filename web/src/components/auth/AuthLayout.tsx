import type { ComponentChildren } from 'preact';
import { t } from '../../lib/i18n.ts';

export function Logo({ size = 44 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 48 48" aria-hidden="true" class="logo">
      <rect width="48" height="48" rx="14" fill="var(--accent)" />
      <path
        d="M13 16.5A4.5 4.5 0 0 1 17.5 12h13a4.5 4.5 0 0 1 4.5 4.5v9a4.5 4.5 0 0 1-4.5 4.5H22l-6.5 5.5V30A3.5 3.5 0 0 1 13 26.5z"
        fill="#fff"
      />
      <circle cx="19.5" cy="21" r="1.8" fill="var(--accent)" />
      <circle cx="24" cy="21" r="1.8" fill="var(--accent)" />
      <circle cx="28.5" cy="21" r="1.8" fill="var(--accent)" />
    </svg>
  );
}

export function AuthLayout({ children, wide }: { children: ComponentChildren; wide?: boolean }) {
  return (
    <div class="auth-page">
      <div class={wide ? 'auth-card wide' : 'auth-card'}>
        <div class="brand">
          <Logo />
          <div>
            <div class="brand-name">{t.appName}</div>
            <div class="brand-tag">{t.tagline}</div>
          </div>
        </div>
        {children}
      </div>
    </div>
  );
}

interface FieldProps {
  label: string;
  name: string;
  type?: string;
  value: string;
  onInput: (v: string) => void;
  required?: boolean;
  autoComplete?: string;
  hint?: string;
  minLength?: number;
  maxLength?: number;
  autoFocus?: boolean;
}

export function Field(p: FieldProps) {
  return (
    <label class="field">
      <span class="field-label">{p.label}</span>
      <input
        name={p.name}
        data-testid={`field-${p.name}`}
        type={p.type ?? 'text'}
        value={p.value}
        required={p.required}
        autoComplete={p.autoComplete}
        minLength={p.minLength}
        maxLength={p.maxLength}
        autoFocus={p.autoFocus}
        onInput={(e) => p.onInput(e.currentTarget.value)}
      />
      {p.hint && <span class="field-hint">{p.hint}</span>}
    </label>
  );
}

export function FormError({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <div class="form-error" role="alert" data-testid="form-error">
      {text}
    </div>
  );
}
