"use client";
import { useState, type InputHTMLAttributes } from "react";
import { useController, type Control, type FieldValues, type Path } from "react-hook-form";
import { useLocale, useTranslations } from "next-intl";
import { TextField } from "@/components/ui/field";
import {
  conventionOf, formatMileage, formatMoney, formatNumber, formatNumberForInput, parseMileage, parseNumber, type Parsed,
} from "@/lib/i18n/numbers";

type Kind =
  | { kind: "money"; currency: "EUR" | "SEK" }
  | { kind: "mileage" }
  /** `plain`: written without digit grouping (a year is 2022, never "2,022"). */
  | { kind: "number"; decimals?: number; plain?: boolean };

type Props<T extends FieldValues> = Kind & {
  control: Control<T>;
  name: Path<T>;
  label: string;
  error?: string;
  hint?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "value" | "onChange" | "type">;

const EXAMPLE = { money: 18950, mileage: 85000 } as const;

/**
 * A number typed the reader's way ("18.950" in Belgium, "189 000 kr" in Sweden, "8 500 mil"),
 * parsed strictly as they meant it, and read back to them ("Reads as € 18.950"). Text that could
 * mean two things is refused with the reason, never guessed; while it is refused the form holds
 * the text itself, so the schema stops the save.
 */
export function NumberField<T extends FieldValues>(props: Props<T>) {
  const { control, name, label, error, hint, ...rest } = props;
  const inputProps = Object.fromEntries(Object.entries(rest).filter(([k]) => !["kind", "currency", "decimals", "plain"].includes(k)));
  const locale = useLocale();
  const t = useTranslations("numbers");
  const convention = conventionOf(locale);
  const { field: { ref, name: fieldName, value, onBlur, onChange } } = useController({ control, name });

  const parse = (text: string): Parsed =>
    props.kind === "mileage" ? parseMileage(text, convention)
      : props.kind === "money" ? parseNumber(text, convention, { currency: props.currency, decimals: 2 })
        : parseNumber(text, convention, { decimals: props.decimals ?? 0 });

  const plain = props.kind === "number" && props.plain === true;
  const display = (v: unknown) => (typeof v === "number" ? (plain ? String(v) : formatNumberForInput(v, locale)) : String(v ?? ""));
  const [text, setText] = useState(() => display(value));
  // A value set from outside (a reset, a proposal) replaces the text unless the text already means it.
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    const current = parse(text);
    if (!(current.ok ? current.value === (value ?? null) : value === text)) setText(display(value));
  }

  const parsed = parse(text);
  const show = (value: number) =>
    props.kind === "money" ? formatMoney(value, props.currency, locale) : props.kind === "mileage" ? formatMileage(value, locale) : plain ? String(value) : formatNumber(value, locale);
  const example = formatNumberForInput(props.kind === "number" ? ((props.decimals ?? 0) > 0 ? 5.6 : 150) : EXAMPLE[props.kind], locale);
  const [group, decimal] = convention === "comma-decimal" ? [".", ","] : [",", "."];
  const problem = parsed.ok ? undefined
    : t(parsed.problem, { example, text, group, decimal, currency: props.kind === "money" ? props.currency : "" });
  const echo = parsed.ok && parsed.value !== null ? t("reads", { value: show(parsed.value) }) : undefined;

  return (
    <TextField
      {...inputProps}
      ref={ref}
      name={fieldName}
      label={label}
      type="text"
      inputMode={props.kind === "number" && (props.decimals ?? 0) > 0 ? "decimal" : "numeric"}
      autoComplete="off"
      value={text}
      onBlur={onBlur}
      onChange={(e) => {
        setText(e.target.value);
        const next = parse(e.target.value);
        onChange(next.ok ? next.value : e.target.value);
      }}
      error={problem ?? error}
      hint={echo ?? hint}
      data-parsed={parsed.ok ? String(parsed.value ?? "") : undefined}
    />
  );
}
