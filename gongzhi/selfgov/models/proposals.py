"""Residents' proposals (提案), their co-signers and their discussion (议事厅)."""

__all__: list[str] = []
