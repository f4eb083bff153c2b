"""Pieces shared by every plugin: the project error type and settings merging."""
