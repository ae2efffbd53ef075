import { Input } from "./input";

/** The text filter above a long table; its accessible name is `label`. */
export function FilterInput({
  label = "Filter",
  value,
  onChange,
  placeholder,
}: {
  label?: string;
  value: string;
  onChange: (next: string) => void;
  placeholder: string;
}) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <span>{label}</span>
      <Input type="search" value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} className="w-72" />
    </label>
  );
}
