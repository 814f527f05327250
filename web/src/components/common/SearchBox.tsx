import type { Ref } from 'preact';
import { SearchIcon } from './icons.tsx';

interface Props {
  /** Also the field's accessible name. */
  placeholder: string;
  value: string;
  onInput: (value: string) => void;
  /** For a list that the arrow keys move in (the emoji picker). */
  onKeyDown?: (e: KeyboardEvent) => void;
  inputRef?: Ref<HTMLInputElement>;
  testid?: string;
}

/** The filter field above a list (rooms, people, a member picker, emoji). */
export function SearchBox({ placeholder, value, onInput, onKeyDown, inputRef, testid }: Props) {
  return (
    <div class="search">
      <SearchIcon size={18} />
      <input
        ref={inputRef}
        type="search"
        placeholder={placeholder}
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        aria-label={placeholder}
        data-testid={testid}
      />
    </div>
  );
}
