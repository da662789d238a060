"""Coding API: codebooks, codes, applications, suggestions, memos and agreement reports.

Researchers and admins only. Codebook changes also need ``coding.manage_codebook`` (admins hold
it by role). Offsets are Unicode code points of the research copy, end exclusive.
"""

from coding.apis.agreement import AgreementApi, DisagreementListApi, ReconciliationListApi
from coding.apis.applications import ApplicationDetailApi, ApplicationListApi
from coding.apis.codebooks import (
    CodebookDetailApi,
    CodebookExportApi,
    CodebookImportApi,
    CodebookListApi,
    CodebookVersionListApi,
    CodeDetailApi,
    CodeListApi,
    CodeMergeApi,
    CodeMoveApi,
)
from coding.apis.memos import MemoDetailApi, MemoListApi
from coding.apis.suggestions import SuggestionAcceptApi, SuggestionListApi, SuggestionRejectApi

__all__ = [
    "AgreementApi",
    "ApplicationDetailApi",
    "ApplicationListApi",
    "CodeDetailApi",
    "CodeListApi",
    "CodeMergeApi",
    "CodeMoveApi",
    "CodebookDetailApi",
    "CodebookExportApi",
    "CodebookImportApi",
    "CodebookListApi",
    "CodebookVersionListApi",
    "DisagreementListApi",
    "MemoDetailApi",
    "MemoListApi",
    "ReconciliationListApi",
    "SuggestionAcceptApi",
    "SuggestionListApi",
    "SuggestionRejectApi",
]
