// SMTP servers for the outbox tests: one that takes mail and remembers each message's Message-ID, one
// that accepts connections and never answers (a hung relay), and a port where nothing listens.
import net from "node:net";
import { SMTPServer } from "smtp-server";

export interface CaughtMessage {
  messageId: string | null;
  to: string[];
  raw: string;
}

export interface SmtpCatcher {
  url: string;
  messages: CaughtMessage[];
  close(): Promise<void>;
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port));
  });
}

export async function startSmtpCatcher(): Promise<SmtpCatcher> {
  const messages: CaughtMessage[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => (raw += chunk));
      stream.on("end", () => {
        const headers = raw.split(/\r?\n\r?\n/, 1)[0] ?? "";
        const messageId = headers.match(/^Message-ID:\s*(<[^>]+>)/im)?.[1] ?? null;
        messages.push({ messageId, to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  const port = await listen(server.server);
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface PausedSmtp {
  url: string;
  /** Connections it has accepted (and never answered). */
  connections(): number;
  close(): Promise<void>;
}

/** A server that accepts connections and never says a word: the SMTP greeting never comes. */
export async function startPausedSmtp(): Promise<PausedSmtp> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const port = await listen(server);
  return {
    url: `smtp://127.0.0.1:${port}`,
    connections: () => accepted,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A local port nothing listens on (SMTP down: connections are refused). */
export async function closedPortUrl(): Promise<string> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `smtp://127.0.0.1:${port}`;
}
