"use client";
/**
 * A make or model field: type freely, or choose from a list (WAI-ARIA combobox through downshift's
 * useCombobox, a small headless library: arrow keys, Enter, Escape and screen-reader announcements
 * come with it). What is typed is the value; choosing an option also reports its id.
 */
import { useId, useMemo } from "react";
import { useCombobox } from "downshift";
import { useMessage } from "@/components/ui/use-message";

export interface ComboOption { id: string; name: string }

const MAX_SHOWN = 50;

export function VehicleCombobox({ label, name, value, options, onType, onChoose, error, hint, required, loading, loadingText }: {
  label: string;
  /** The form field it edits (its input's name). */
  name: string;
  value: string;
  options: ComboOption[];
  /** Every keystroke: the text as typed (free text stays possible). */
  onType: (text: string) => void;
  /** An option was chosen (click, Enter). */
  onChoose: (option: ComboOption) => void;
  error?: string;
  hint?: string;
  required?: boolean;
  loading?: boolean;
  loadingText?: string;
}) {
  const id = useId();
  const errorText = useMessage()(error);
  const shown = useMemo(() => {
    const q = value.trim().toLowerCase();
    const starts = options.filter((o) => o.name.toLowerCase().startsWith(q));
    const contains = q ? options.filter((o) => !o.name.toLowerCase().startsWith(q) && o.name.toLowerCase().includes(q)) : [];
    return [...starts, ...contains].slice(0, MAX_SHOWN);
  }, [options, value]);
  const { isOpen, getLabelProps, getInputProps, getMenuProps, getItemProps, highlightedIndex } = useCombobox<ComboOption>({
    items: shown,
    inputId: `${id}-input`,
    labelId: `${id}-label`,
    menuId: `${id}-menu`,
    inputValue: value,
    selectedItem: null,
    itemToString: (o) => o?.name ?? "",
    onInputValueChange: ({ inputValue, type }) => {
      // A choice is reported through onChoose; only typing is free text.
      if (type === useCombobox.stateChangeTypes.InputChange) onType(inputValue ?? "");
    },
    onSelectedItemChange: ({ selectedItem }) => { if (selectedItem) onChoose(selectedItem); },
  });
  const describedBy = errorText ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className="relative space-y-1">
      <div className="text-sm font-medium text-slate-700"><label {...getLabelProps()}>{label}</label>{required && <span aria-hidden="true" className="text-red-700"> *</span>}</div>
      <input
        {...getInputProps({ name, "aria-describedby": describedBy, "aria-invalid": errorText ? true : undefined, "aria-required": required || undefined })}
        autoComplete="off"
        className={`block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100 ${errorText ? "border-red-500" : "border-slate-300"}`}
      />
      {/* The list is not labelled by the field's label: that label names the input alone. */}
      <ul {...getMenuProps({ "aria-labelledby": undefined })} className={`absolute z-30 mt-1 max-h-64 w-full overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg ${isOpen && (shown.length > 0 || loading) ? "" : "hidden"}`}>
        {isOpen && loading && shown.length === 0 && <li className="px-3 py-2 text-slate-500">{loadingText}</li>}
        {isOpen && shown.map((option, index) => (
          <li key={option.id} {...getItemProps({ item: option, index })} className={`cursor-pointer px-3 py-2 ${highlightedIndex === index ? "bg-brand-50 text-brand-900" : ""}`}>
            {option.name}
          </li>
        ))}
      </ul>
      {hint && !errorText && <p id={`${id}-hint`} className="text-xs text-slate-500">{hint}</p>}
      {errorText && <p id={`${id}-error`} role="alert" className="text-sm text-red-700">{errorText}</p>}
    </div>
  );
}
