declare module 'dns2' {
  import type { Socket } from 'node:dgram';
  import type { Server } from 'node:net';

  interface Question {
    name: string;
    type: number;
    class: number;
  }
  interface Resource {
    name: string;
    type: number;
    class: number;
    ttl: number;
    [field: string]: unknown;
  }
  class Packet {
    header: { id: number; qr: number; aa: number; rcode: number };
    questions: Question[];
    answers: Resource[];
    static TYPE: Record<'A' | 'AAAA' | 'MX' | 'TXT' | 'CNAME' | 'NS' | 'SOA', number>;
    static CLASS: { IN: number };
    static createResponseFromRequest(request: Packet): Packet;
  }
  type Send = (response: Packet) => void;
  type Handler = (request: Packet, send: Send) => void;
  interface UdpServer extends Socket {
    listen(port: number, address: string): Promise<void>;
  }
  function createUDPServer(handler: Handler): UdpServer;
  function createTCPServer(handler: Handler): Server;
  export { Packet, createUDPServer, createTCPServer, type Send, type Handler };
}
