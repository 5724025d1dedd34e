"""A server that accepts connections and never answers, for fault tests."""

import socket
import threading


class SilentServer:
    """A server that accepts connections and never says a word, as a mail
    server or Redis stuck or behind a dropped route does. It counts who tried."""

    def __init__(self, port: int) -> None:
        self.listener = socket.create_server(("127.0.0.1", port))
        self.connections: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self) -> None:
        # shutdown() wakes the accept() that close() alone would leave waiting.
        self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for connection in self.connections:
            connection.close()
