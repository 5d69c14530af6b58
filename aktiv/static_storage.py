"""The static files storage: WhiteNoise's compressed manifest storage, with each file's
URL looked up once per process.

Every page links five static files (styles, scripts, icon). Finding a file's hashed name
in the manifest and building its URL cost about a twelfth of a cached page's CPU; the
manifest is read when the process starts and does not change while it runs, so neither
does the URL of a name.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        url = self._urls.get(name)
        if url is None:
            # A name missing from the manifest raises here, every time: never stored.
            url = self._urls[name] = super().url(name)
        return url
