// Sending mail through SMTP (nodemailer). Without SMTP_URL a demo still works: each message is
// written as an .eml file in a folder (the log names the file and the recipient's domain only),
// so a person trying the demo can open the verification link without a mail server.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(m) {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
    },
  };
}

export function logMailer(log: (line: string) => void): Mailer {
  return {
    async send(m) {
      log(`mail (not sent: no SMTP_URL) to …@${m.to.split('@')[1] ?? '?'}: ${m.subject}`);
    },
  };
}

export function folderMailer(dir: string, from: string, log: (line: string) => void): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  let n = 0;
  return {
    async send(m) {
      const info = await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
      mkdirSync(dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${++n}.eml`;
      writeFileSync(join(dir, name), info.message as Buffer);
      log(`mail (no SMTP_URL) to …@${m.to.split('@')[1] ?? '?'} written to ${name}`);
    },
  };
}
