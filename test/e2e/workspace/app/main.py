import hashlib


def fingerprint(data: bytes) -> str:
    # Not a security use: a cache key.
    return hashlib.sha256(data).hexdigest()


if __name__ == "__main__":
    print(fingerprint(b"hello"))
