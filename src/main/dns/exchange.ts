// placeholder: being written now (see exchange signature in the helper prompts)
