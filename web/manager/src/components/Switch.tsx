/** An on/off switch that is a real button, so keyboards and screen readers get it for free. */
export function Switch(props: { checked: boolean; disabled?: boolean; label: string; testId?: string; onChange(next: boolean): void }) {
  return (
    <button
      type="button"
      role="switch"
      class={`switch${props.checked ? ' on' : ''}`}
      aria-checked={props.checked}
      aria-label={props.label}
      disabled={props.disabled}
      data-testid={props.testId}
      onClick={() => props.onChange(!props.checked)}
    >
      <span class="switch-knob" />
    </button>
  );
}
