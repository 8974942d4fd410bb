-- Run by test/integration/neovim.test.mjs: `nvim --headless --clean -u NONE -l`-free form for Neovim 0.7
-- (`nvim --headless --clean -c 'luafile neovim.lua'`). Attaches the language server the way the README
-- tells Neovim 0.7 users to (vim.lsp.start_client), opens a Dockerfile and a Python file, waits for the
-- diagnostics, asks for code actions on the first one, and writes what arrived as JSON to $CS_OUT.
local root, work, out = vim.env.CS_ROOT, vim.env.CS_WORK, vim.env.CS_OUT
local report = { files = {}, errors = {} }

local published = {}
local default_handler = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result then published[result.uri] = result.diagnostics end
  return default_handler(err, result, ctx, config)
end

local client_id = vim.lsp.start_client({
  name = 'container-standards',
  cmd = { 'node', root .. '/dist/cli.js', 'lsp' },
  root_dir = work,
  on_exit = function(code) table.insert(report.errors, 'server exited with ' .. tostring(code)) end,
})
if not client_id then table.insert(report.errors, 'start_client failed') end

local function check(name)
  vim.cmd('edit ' .. vim.fn.fnameescape(work .. '/' .. name))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)
  local uri = vim.uri_from_bufnr(buf)
  local arrived = vim.wait(30000, function() return published[uri] ~= nil and #published[uri] > 0 end, 50)
  local entry = { name = name, filetype = vim.bo[buf].filetype, diagnostics = published[uri] or {}, neovim = #vim.diagnostic.get(buf), actions = {} }
  if arrived then
    local first = published[uri][1]
    local params = { textDocument = { uri = uri }, range = first.range, context = { diagnostics = { first } } }
    local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 30000) or {}
    for _, response in pairs(responses) do
      if response.err then table.insert(report.errors, vim.inspect(response.err)) end
      for _, action in ipairs(response.result or {}) do table.insert(entry.actions, action.title) end
    end
  end
  table.insert(report.files, entry)
end

if client_id then
  check('Dockerfile')
  check('app.py')
end

local file = io.open(out, 'w')
file:write(vim.fn.json_encode(report))
file:close()
vim.cmd('qall!')
