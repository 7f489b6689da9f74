"""A synchronous client of ``pagefind --service``, Pagefind's indexing service.

The service reads requests and writes responses on its standard streams, each
a base64-encoded JSON object followed by a comma: the protocol the official
``pagefind`` Python package (1.5.2) speaks. That package is not used: its
reader sleeps 0.1 s before each response, 10,000 s for 100,000 records. Here
each request waits for its answer, so records are added, and numbered by
Pagefind, in exactly the order they are sent. The finished bundle is taken
with ``GetFiles`` and written by the caller (see ``files``).

``add_records`` sends many records before reading their answers: the
service reads its standard input on a thread of its own into an unbounded
queue and handles the requests one after another, in the order they came
(``pagefind/src/service/mod.rs``), so the order, and with it every byte of
the index, is the same as one request at a time, without a round trip of
four context switches per record (on a busy machine, most of the time).

One service process indexes one shard and then exits, so the operating system
takes back all its memory before the next shard starts.
"""

from __future__ import annotations

import base64
import json
import subprocess
from pathlib import Path


class ServiceError(RuntimeError):
    pass


class PagefindService:
    """One ``pagefind --service`` process holding one index; use as a context manager."""

    def __init__(self, binary: Path, language: str):
        self._binary, self._language = binary, language
        self._process: subprocess.Popen | None = None
        self._unread = bytearray()  # answers read but not yet taken: base64, each ended by ","
        self._message_id = 0
        self._index_id: int | None = None

    def __enter__(self) -> PagefindService:
        try:
            self._process = subprocess.Popen([str(self._binary), "--service"], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError as failed:
            raise ServiceError(f"tidak bisa dijalankan: {failed}") from failed
        config = {"force_language": self._language} if self._language else {}
        try:
            self._index_id = self._send({"type": "NewIndex", "config": config}, "NewIndex")["index_id"]
        except BaseException as failed:
            self.__exit__(type(failed), failed, None)
            raise
        return self

    def __exit__(self, *exc) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        try:
            process.stdin.close()
        except OSError:
            pass
        if exc and exc[0] is not None:
            process.kill()  # the index is given up (a failure, the build stopped): no reason to wait
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()

    def add_record(self, url: str, content: str, meta: dict[str, str], filters: dict[str, list[str]],
                   sort: dict[str, str] | None = None) -> None:
        self._send({"type": "AddRecord", "index_id": self._index_id, "url": url, "content": content,
                    "language": self._language, "meta": meta, "filters": filters, "sort": sort}, "IndexedFile")

    def add_records(self, records) -> None:
        """Add RECORDS, each (url, content, meta, filters, sort) as for ``add_record``,
        in this order: all requests are written first, then every answer is read
        and checked (each names its request's message_id)."""
        first = self._message_id + 1
        for url, content, meta, filters, sort in records:
            self._message_id += 1
            self._write({"type": "AddRecord", "index_id": self._index_id, "url": url, "content": content,
                         "language": self._language, "meta": meta, "filters": filters, "sort": sort})
        self._flush()
        for message_id in range(first, self._message_id + 1):
            self._answer("AddRecord", "IndexedFile", message_id)

    def files(self) -> dict[str, bytes]:
        """The finished bundle's files by path. Not ``WriteFiles``: Pagefind 1.5.2
        answers it before every file is written, and a file can be left empty
        when the service exits right after."""
        reply = self._send({"type": "GetFiles", "index_id": self._index_id}, "GetFiles")
        try:
            return {item["path"]: base64.b64decode(item["content"]) for item in reply["files"]}
        except (KeyError, TypeError, ValueError) as garbled:
            raise ServiceError(f"daftar berkas tidak terbaca: {garbled}") from garbled

    def _send(self, payload: dict, expected: str) -> dict:
        self._message_id += 1
        self._write(payload)
        self._flush()
        return self._answer(payload["type"], expected, self._message_id)

    def _write(self, payload: dict) -> None:
        message = json.dumps({"message_id": self._message_id, "payload": payload}, ensure_ascii=False)
        try:
            self._process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
        except OSError as failed:  # a broken pipe: the service died
            raise ServiceError(f"berhenti di tengah jalan (kode {self._process.poll()}): {failed}") from failed

    def _flush(self) -> None:
        try:
            self._process.stdin.flush()
        except OSError as failed:
            raise ServiceError(f"berhenti di tengah jalan (kode {self._process.poll()}): {failed}") from failed

    def _answer(self, request: str, expected: str, message_id: int) -> dict:
        """The next answer, which must be the one to MESSAGE_ID, of type EXPECTED."""
        process, unread = self._process, self._unread
        searched = 0
        try:
            while (end := unread.find(b",", searched)) < 0:
                searched = len(unread)
                chunk = process.stdout.read1(1 << 20)
                if not chunk:
                    raise ServiceError(f"berhenti tanpa jawaban (kode {process.poll()})")
                unread += chunk
        except OSError as failed:
            raise ServiceError(f"berhenti di tengah jalan (kode {process.poll()}): {failed}") from failed
        raw = bytes(unread[:end])
        del unread[:end + 1]
        try:
            answer = json.loads(base64.b64decode(raw))
            reply = answer["payload"]
        except (ValueError, KeyError, TypeError) as garbled:
            raise ServiceError(f"jawaban tidak terbaca: {raw[:200]!r}") from garbled
        if reply.get("type") != expected:
            raise ServiceError(f"{request} ditolak: {reply.get('message', reply)}")
        if answer.get("message_id") != message_id:
            raise ServiceError(f"jawaban untuk pesan {answer.get('message_id')!r}, bukan {message_id}")
        return reply
