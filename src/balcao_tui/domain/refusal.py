"""The base of every refusal a person can cause: a Portuguese message and the field it is about."""


class Refusal(Exception):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
