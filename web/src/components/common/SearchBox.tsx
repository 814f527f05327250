import { SearchIcon } from './icons.tsx';

interface Props {
  /** Also the field's accessible name. */
  placeholder: string;
  value: string;
  onInput: (value: string) => void;
  testid?: string;
}

/** The filter field above a list (rooms, people, a member picker). */
export function SearchBox({ placeholder, value, onInput, testid }: Props) {
  return (
    <div class="search">
      <SearchIcon size={18} />
      <input
        type="search"
        placeholder={placeholder}
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
        aria-label={placeholder}
        data-testid={testid}
      />
    </div>
  );
}
