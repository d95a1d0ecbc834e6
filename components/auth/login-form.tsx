"use client";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { loginAction } from "@/app/(auth)/login/actions";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";

export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("auth");
  const { execute, result, isPending } = useAction(loginAction, {
    // A full navigation, so the new session cookie is used by every server component.
    onSuccess: ({ data }) => window.location.assign(data?.redirectTo ?? "/"),
  });
  const errors = result.validationErrors;
  const formError = errors?._errors?.[0] ?? result.serverError;

  return (
    <form
      // POST, so a submit before hydration never puts the password in a URL.
      method="post"
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        // Read the fields at submit time, so what was typed before hydration counts too.
        const data = new FormData(e.currentTarget);
        execute({ email: String(data.get("email") ?? ""), password: String(data.get("password") ?? ""), callbackUrl });
      }}
    >
      <FormMessage error={formError} />
      <TextField label={t("email")} name="email" type="email" autoComplete="username" required error={errors?.email?._errors?.[0]} />
      <TextField label={t("password")} name="password" type="password" autoComplete="current-password" required error={errors?.password?._errors?.[0]} />
      <Button type="submit" className="w-full" disabled={isPending}>{isPending ? t("submitting") : t("submit")}</Button>
    </form>
  );
}
