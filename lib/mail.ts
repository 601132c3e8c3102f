import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "./env";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

let transporter: Transporter | undefined;

function getTransporter(): Transporter {
  transporter ??= nodemailer.createTransport(getEnv().smtpUrl);
  return transporter;
}

export async function sendMail(mail: Mail): Promise<void> {
  await getTransporter().sendMail({ from: getEnv().mailFrom, ...mail });
}
