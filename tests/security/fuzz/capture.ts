/**
 * Lets the fuzz test read each server action's input schema and name. next-safe-action keeps them
 * in a private field, so its builder is wrapped (in this test process only) to carry them to the
 * action function it returns. Install before the action modules are imported.
 */
import { createSafeActionClient } from "next-safe-action";
import type { StandardSchemaV1 } from "@standard-schema/spec";

export interface ActionInfo {
  name?: string;
  schema?: StandardSchemaV1;
}

const builders = new WeakMap<object, ActionInfo>();
const actions = new WeakMap<object, ActionInfo>();

export function installCapture() {
  const proto = Object.getPrototypeOf(createSafeActionClient()) as Record<string, (...args: unknown[]) => unknown> & { __fuzzCapture?: boolean };
  if (proto.__fuzzCapture) return;
  proto.__fuzzCapture = true;
  const carry = (method: string, change: (info: ActionInfo, args: unknown[]) => ActionInfo) => {
    const original = proto[method];
    proto[method] = function (this: object, ...args: unknown[]) {
      const next = original.apply(this, args) as object;
      builders.set(next, change({ ...builders.get(this) }, args));
      return next;
    };
  };
  carry("use", (info) => info);
  carry("useValidated", (info) => info);
  carry("outputSchema", (info) => info);
  carry("bindArgsSchemas", (info) => info);
  carry("metadata", (info, [data]) => ({ ...info, name: (data as { name?: string })?.name }));
  carry("inputSchema", (info, [schema]) => ({ ...info, schema: typeof schema === "function" ? undefined : (schema as StandardSchemaV1) }));
  for (const method of ["action", "stateAction"]) {
    const original = proto[method];
    proto[method] = function (this: object, ...args: unknown[]) {
      const fn = original.apply(this, args) as object;
      actions.set(fn, builders.get(this) ?? {});
      return fn;
    };
  }
}

/** The captured name and schema, or undefined for a function not built with next-safe-action. */
export const actionInfo = (fn: unknown): ActionInfo | undefined => (typeof fn === "function" ? actions.get(fn) : undefined);
