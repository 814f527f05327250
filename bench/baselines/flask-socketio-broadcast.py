# Baseline 3, the customer's original stack: Flask-SocketIO on gevent (websocket transport through
# gevent-websocket), broadcasting to the room what socketio-broadcast.ts does, with the same frames,
# so the same Engine.IO client in the generator drives it. Benchmark code only.
#   python3 flask-socketio-broadcast.py [port]   → prints "listening at http://127.0.0.1:PORT"
# Debian: python3-flask-socketio python3-gevent python3-gevent-websocket (bench/lib/flask-deps.ts).
from gevent import monkey

monkey.patch_all()

import json
import os
import sys
import time

import gevent
from flask import Flask, request
from flask_socketio import SocketIO, emit, join_room
from gevent import pywsgi
from geventwebsocket.handler import WebSocketHandler


class CompactJson:
    """JSON as Node writes it (no spaces, UTF-8 unescaped): the generator reads frames by their bytes."""

    @staticmethod
    def dumps(obj, **kwargs):
        kwargs.pop("separators", None)
        kwargs.pop("ensure_ascii", None)
        return json.dumps(obj, separators=(",", ":"), ensure_ascii=False, **kwargs)

    @staticmethod
    def loads(s, **kwargs):
        return json.loads(s, **kwargs)


app = Flask(__name__)
socketio = SocketIO(app, async_mode="gevent", transports=["websocket"], json=CompactJson, logger=False, engineio_logger=False,
                    max_http_buffer_size=64 * 1024, cors_allowed_origins="*")

seqs = {}
next_id = [0]


def member():
    return int(request.args.get("room", 0)), int(request.args.get("user", 0))


@socketio.on("connect")
def on_connect():
    room, _ = member()
    join_room(str(room))


@socketio.on("send")
def on_send(frame):
    room, user = member()
    seq = seqs.get(room, 0) + 1
    seqs[room] = seq
    next_id[0] += 1
    message = {"id": next_id[0], "roomId": room, "seq": seq, "senderId": user, "body": frame.get("body"), "createdAt": int(time.time() * 1000)}
    emit("message", {"message": message}, to=str(room), include_self=False)
    return {"tempId": frame.get("tempId"), "message": message}


@socketio.on("read")
def on_read(frame):
    room, user = member()
    emit("read", {"roomId": room, "userId": user, "seq": frame.get("seq")}, to=str(room))


def watchdog():
    """Never outlive the harness (its parent) or the lifetime limit."""
    parent = os.getppid()
    limit = time.time() + int(os.environ.get("BENCH_MAX_LIFETIME_MS", "1200000")) / 1000
    while True:
        gevent.sleep(1)
        if os.getppid() != parent or time.time() > limit:
            os._exit(0)


if __name__ == "__main__":
    server = pywsgi.WSGIServer(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 0), app, handler_class=WebSocketHandler, log=None, error_log=None)
    server.init_socket()
    gevent.spawn(watchdog)
    print(f"flask-socketio baseline listening at http://127.0.0.1:{server.socket.getsockname()[1]}", flush=True)
    server.serve_forever()
