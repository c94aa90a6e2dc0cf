"""The elections over the API (token): the same actions as the pages."""

from ninja import Router

router = Router(tags=["换届选举 elections"])
