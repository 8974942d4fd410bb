"""File identifiers and signatures that fail in a FIPS-mode container."""

import hashlib
import hmac


def file_id(name: str) -> str:
    # Raises ValueError under FIPS: MD5 is refused unless marked as not used for security.
    return hashlib.md5(name.encode("utf-8")).hexdigest()


def etag(data: bytes) -> str:
    return hashlib.new("md5", data).hexdigest()


def sign(key: bytes, message: bytes) -> str:
    # HMAC-MD5 has no FIPS escape hatch: it needs another algorithm.
    return hmac.new(key, message, hashlib.md5).hexdigest()


def password_digest(password: bytes, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("md5", password, salt, 600_000)
