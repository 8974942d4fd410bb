"""File identifiers and signatures that work in a FIPS-mode container."""

import hashlib
import hmac


def file_id(name: str) -> str:
    # MD5 only names the file; nothing relies on it for security, so say so.
    return hashlib.md5(name.encode("utf-8"), usedforsecurity=False).hexdigest()


def etag(data: bytes) -> str:
    return hashlib.new("md5", data, usedforsecurity=False).hexdigest()


def sign(key: bytes, message: bytes) -> str:
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def password_digest(password: bytes, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password, salt, 600_000)
