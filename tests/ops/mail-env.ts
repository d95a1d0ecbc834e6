/**
 * A real SMTP server (the dev mail catcher) for this test file, started before anything reads the
 * environment, so SMTP_URL points the app's mailer at it.
 */
import { startMailCatcher } from "../../scripts/lib/mail-catcher";

export const catcher = await startMailCatcher();
process.env.SMTP_URL = catcher.smtpUrl;
process.env.MAIL_FROM = "Forecourt alerts <alerts@forecourt.test>";
process.env.APP_URL = "https://forecourt.example.com";
