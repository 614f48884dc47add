-- Run by tests/neovim.sh: Neovim, a real LSP client, starts `leash lsp`
-- through integrations/neovim/leash.lua (and clangd beside it, when
-- LEASH_CLANGD names it), opens a file with a planted bug and prints
-- leash's diagnostics as `RULE LINE MESSAGE` (line 1-based), then the
-- clients attached to the buffer.
local leash = dofile(os.getenv('LEASH_NVIM_SNIPPET'))
leash.setup({ cmd = { os.getenv('LEASH_BIN'), 'lsp' } })

local clangd = os.getenv('LEASH_CLANGD')
if clangd and clangd ~= '' then
  vim.api.nvim_create_autocmd('FileType', {
    pattern = { 'cpp' },
    callback = function(args)
      local id = vim.lsp.start_client({
        name = 'clangd',
        cmd = { clangd, '--background-index=false' },
        root_dir = vim.fn.getcwd(),
      })
      vim.lsp.buf_attach_client(args.buf, id)
    end,
  })
end

local function run()
  local buf = vim.api.nvim_get_current_buf()
  local function diagnostics()
    local id = leash.client_id()
    if not id then return {} end
    return vim.diagnostic.get(buf,
      { namespace = vim.lsp.diagnostic.get_namespace(id) })
  end
  if not vim.wait(120000, function() return #diagnostics() > 0 end, 50) then
    error('no diagnostics from leash')
  end
  for _, d in ipairs(diagnostics()) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    io.stdout:write(string.format('%s %d %s\n', code, d.lnum + 1, d.message))
  end
  local names = {}
  for _, client in pairs(vim.lsp.buf_get_clients(buf)) do
    table.insert(names, client.name)
  end
  table.sort(names)
  io.stdout:write('clients: ' .. table.concat(names, ' ') .. '\n')
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    vim.schedule(function()
      local ok, err = pcall(run)
      if not ok then
        io.stdout:write('error: ' .. tostring(err) .. '\n')
        vim.cmd('cquit 1')
      end
      vim.cmd('qall!')
    end)
  end,
})
