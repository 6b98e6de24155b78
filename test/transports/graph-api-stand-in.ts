import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface GraphRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: GraphMessageBody;
  /** The status the stand-in answered with. */
  status: number;
}

/** The fields of a Graph API `messages` request the tests read. */
export interface GraphMessageBody {
  messaging_product?: string;
  recipient_type?: string;
  to?: string;
  type?: string;
  text?: { body: string; preview_url?: boolean };
  document?: { link: string; filename: string; caption?: string };
}

export interface GraphApiStandIn {
  /** The base URL, as WHATSAPP_CLOUD_GRAPH_URL. */
  url: string;
  requests: GraphRequest[];
  /** The accepted messages sent to one phone. */
  delivered(to: string): GraphRequest[];
  /** The next `count` requests get `status` with Meta's error shape. */
  failNext(count: number, status?: number): void;
  close(): Promise<void>;
}

/** A local HTTP server that answers like the Graph API's `POST /{phone-number-id}/messages`, and remembers. */
export async function startGraphApiStandIn(): Promise<GraphApiStandIn> {
  const requests: GraphRequest[] = [];
  let failures: { count: number; status: number } = { count: 0, status: 500 };
  let sequence = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      let body: GraphMessageBody = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as GraphMessageBody;
      } catch {
        // Recorded as empty: the assertions will say what was wrong.
      }
      const failing = failures.count > 0;
      if (failing) failures = { ...failures, count: failures.count - 1 };
      const status = failing ? failures.status : 200;
      requests.push({
        method: request.method ?? "",
        path: request.url ?? "",
        authorization: request.headers.authorization,
        body,
        status,
      });
      response.writeHead(status, { "content-type": "application/json" });
      response.end(
        JSON.stringify(
          failing
            ? { error: { message: "(#131000) Something went wrong", type: "OAuthException", code: 131000 } }
            : {
                messaging_product: "whatsapp",
                contacts: [{ input: body.to, wa_id: body.to }],
                messages: [{ id: `wamid.out-${++sequence}` }],
              },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v23.0`,
    requests,
    delivered: (to) => requests.filter((request) => request.body.to === to && request.status === 200),
    failNext(count, status = 500) {
      failures = { count, status };
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
