import { SearchIcon } from './icons.tsx';

interface Props {
  /** Also the field's accessible name. */
  placeholder: string;
  value: string;
  onInput: (value: string) => void;
  testid?: string;
  maxLength?: number;
  autoFocus?: boolean;
  /** Enter in the field (without it, Enter does nothing). */
  onEnter?: () => void;
}

/** The filter field above a list (rooms, people, a member picker, the message search). */
export function SearchBox({ placeholder, value, onInput, testid, maxLength, autoFocus, onEnter }: Props) {
  return (
    <div class="search">
      <SearchIcon size={18} />
      <input
        type="search"
        placeholder={placeholder}
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && onEnter && !e.isComposing) {
            e.preventDefault();
            onEnter();
          }
        }}
        aria-label={placeholder}
        data-testid={testid}
        maxLength={maxLength}
        autoFocus={autoFocus}
      />
    </div>
  );
}
