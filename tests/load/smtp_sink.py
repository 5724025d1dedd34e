"""A mail server that accepts everything and remembers the recipients.

The fault tests start it to bring "the mail server" back after an outage.
"""

import socketserver
import threading


class SMTPSink(socketserver.ThreadingTCPServer):
    """Just enough SMTP to accept mail and remember who it was for."""

    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, port: int) -> None:
        self.recipients: list[list[str]] = []
        super().__init__(("127.0.0.1", port), SMTPHandler)


class SMTPHandler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        rcpts: list[str] = []
        self.wfile.write(b"220 sink ESMTP\r\n")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb == b"RCPT":
                rcpts.append(line.decode().split(":", 1)[1].strip(" <>\r\n"))
            elif verb == b"DATA":
                self.wfile.write(b"354 go on\r\n")
                while self.rfile.readline() not in {b".\r\n", b""}:
                    pass
                self.server.recipients.append(rcpts)
                rcpts = []
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            # EHLO, HELO, MAIL, RCPT, RSET, NOOP and the end of DATA.
            self.wfile.write(b"250 ok\r\n")


def start_sink(port: int) -> SMTPSink:
    sink = SMTPSink(port)
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    return sink
