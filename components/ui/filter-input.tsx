import { Input } from "./input";

/**
 * The text filter above a long table; its accessible name is `label`. The placeholder must fit the box
 * (keep it short); `hint`, the full list of what is searched, is the hover title and the accessible description.
 */
export function FilterInput({
  label = "Filter",
  value,
  onChange,
  placeholder,
  hint,
}: {
  label?: string;
  value: string;
  onChange: (next: string) => void;
  placeholder: string;
  hint?: string;
}) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <span>{label}</span>
      <Input
        type="search"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        {...(hint ? { title: hint, "aria-description": hint } : {})}
        className="w-72"
      />
    </label>
  );
}
