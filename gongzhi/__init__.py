"""gongzhi (共治): township community-governance platform."""
