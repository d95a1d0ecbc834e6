"use client";
import { useState } from "react";
import { useAction } from "next-safe-action/hooks";
import { loginAction } from "@/app/(auth)/login/actions";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";

export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { execute, result, isPending } = useAction(loginAction, {
    // A full navigation, so the new session cookie is used by every server component.
    onSuccess: ({ data }) => window.location.assign(data?.redirectTo ?? "/"),
  });
  const errors = result.validationErrors;
  const formError = errors?._errors?.[0] ?? result.serverError;

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        execute({ email, password, callbackUrl });
      }}
    >
      <FormMessage error={formError} />
      <TextField label="E-mail" name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} error={errors?.email?._errors?.[0]} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={errors?.password?._errors?.[0]} />
      <Button type="submit" className="w-full" disabled={isPending}>{isPending ? "Signing in…" : "Sign in"}</Button>
    </form>
  );
}
