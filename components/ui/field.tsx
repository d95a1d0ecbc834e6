"use client";
import { forwardRef, useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";
import { useMessage } from "@/components/ui/use-message";

const control =
  "block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100";

/** A labelled control with its hint and its error, wired for screen readers. Errors may be catalog messages. */
export function Field({ label, error: rawError, hint, children, id, required }: { label: string; error?: string; hint?: string; id: string; children: ReactNode; required?: boolean }) {
  const error = useMessage()(rawError);
  return (
    <div className="space-y-1">
      {/* The * sits outside the label: the label stays the field's name; the control says aria-required. */}
      <div className="text-sm font-medium text-slate-700"><label htmlFor={id}>{label}</label>{required && <span aria-hidden="true" className="text-red-700"> *</span>}</div>
      {children}
      {hint && !error && <p id={`${id}-hint`} className="text-xs text-slate-500">{hint}</p>}
      {error && <p id={`${id}-error`} role="alert" className="text-sm text-red-700">{error}</p>}
    </div>
  );
}

type InputProps = InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string; hint?: string };

export const TextField = forwardRef<HTMLInputElement, InputProps>(function TextField({ label, error, hint, id, className = "", required, ...props }, ref) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <Field label={label} error={error} hint={hint} id={fieldId} required={required}>
      <input
        aria-required={required || undefined}
        ref={ref}
        id={fieldId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${fieldId}-error` : hint ? `${fieldId}-hint` : undefined}
        className={`${control} ${error ? "border-red-500" : "border-slate-300"} ${className}`}
        {...props}
      />
    </Field>
  );
});

type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & { label: string; error?: string; hint?: string; options: { value: string; label: string }[]; placeholder?: string };

export const SelectField = forwardRef<HTMLSelectElement, SelectProps>(function SelectField({ label, error, hint, id, options, placeholder, className = "", required, ...props }, ref) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <Field label={label} error={error} hint={hint} id={fieldId} required={required}>
      <select
        aria-required={required || undefined}
        ref={ref}
        id={fieldId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${fieldId}-error` : undefined}
        className={`${control} ${error ? "border-red-500" : "border-slate-300"} ${className}`}
        {...props}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </Field>
  );
});

/** A form-level message (server errors, confirmations). */
export function FormMessage({ error: rawError, success: rawSuccess }: { error?: string | null; success?: string | null }) {
  const text = useMessage();
  const error = text(rawError);
  const success = text(rawSuccess);
  if (error) return <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{error}</p>;
  if (success) return <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{success}</p>;
  return null;
}
