// Sending mail through SMTP (nodemailer). Without SMTP_URL the messages are written to the log
// instead (subject and recipient domain only), so a demo never fails for want of a mail server.
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
