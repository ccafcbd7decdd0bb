"""The package version (the data version is :func:`karabakh_status.data_version`)."""

__version__ = "0.1.0"
