"""`svcstd import`: documents as they are published today (Word, PDF, web pages, spreadsheets) to format 1.1 drafts."""
