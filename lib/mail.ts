import nodemailer, { type Transporter } from "nodemailer";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * An SMTP transport with timeouts well inside the outbox's first retry delay (30 s): a server that
 * accepts connections and never answers costs the worker at most ~20 s of silence per step, never a
 * request (requests only queue mail), and the claim's retry time has not passed when it gives up.
 */
export function createMailTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport(smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
}
