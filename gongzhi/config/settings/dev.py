"""Developer and demo settings: local SQLite, generated keys, console-free e-mail."""

from gongzhi.config.env import dev_keys, env_str

from .base import *  # noqa: F403
from .base import DATA_DIR

# Off unless asked for (GONGZHI_DEBUG=1): `make demo` and the `gongzhi` command serve visitors,
# who must see the Chinese error pages, never a traceback with settings and the request.
DEBUG = env_str("GONGZHI_DEBUG", "0") == "1"
# Static files straight from the app and npm directories (no collectstatic), also with DEBUG off.
WHITENOISE_USE_FINDERS = True
_keys = dev_keys(DATA_DIR / "dev-keys.json")
SECRET_KEY = env_str("GONGZHI_SECRET_KEY", _keys["secret_key"])
GONGZHI_FIELD_KEY = env_str("GONGZHI_FIELD_KEY", _keys["field_key"])
GONGZHI_INDEX_KEY = env_str("GONGZHI_INDEX_KEY", _keys["index_key"])
EMAIL_BACKEND = env_str("GONGZHI_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = DATA_DIR / "sent-mail"
