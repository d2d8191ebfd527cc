<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AddModelDialog</name>
    <message>
        <location filename="../../src/visiondesk/gui/compare_add_dialog.py" line="62"/>
        <source>Add a Model to the Comparison</source>
        <translation>向对比添加模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_add_dialog.py" line="64"/>
        <source>Any provider can take part: each model is asked with its own provider&apos;s key.</source>
        <translation>任何服务商的模型都可参与对比：每个模型都使用其服务商自己的密钥调用。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_add_dialog.py" line="65"/>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_add_dialog.py" line="66"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
</context>
<context>
    <name>Capture</name>
    <message>
        <location filename="../../src/visiondesk/gui/capture.py" line="79"/>
        <location filename="../../src/visiondesk/gui/capture.py" line="94"/>
        <source>Screen capture</source>
        <translation>屏幕截图</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/capture.py" line="80"/>
        <source>This desktop does not let applications read the screen ({0}). Take a screenshot with your desktop&apos;s tool and paste it with Ctrl+V.</source>
        <translation>当前桌面环境（{0}）不允许应用读取屏幕。请用系统自带的截图工具截图，再按 Ctrl+V 粘贴。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/capture.py" line="95"/>
        <source>The screen could not be captured here.</source>
        <translation>无法在此截取屏幕。</translation>
    </message>
</context>
<context>
    <name>CompareColumn</name>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="106"/>
        <source>Differences</source>
        <translation>差异</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="107"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="108"/>
        <source>Stop this model</source>
        <translation>停止此模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="109"/>
        <source>Run again</source>
        <translation>重新运行</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="110"/>
        <source>Run this model again; the other columns stay</source>
        <translation>重新运行此模型；其他列保持不变</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="111"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="112"/>
        <source>Copy the contents of the open tab</source>
        <translation>复制当前标签页的内容</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="114"/>
        <source>Remove this column from the comparison</source>
        <translation>从对比中移除此列</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="115"/>
        <source>Remove column</source>
        <translation>移除此列</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="116"/>
        <source>Differences from the reference</source>
        <translation>与参照文本的差异</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="145"/>
        <source>baseline</source>
        <translation>参照</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="163"/>
        <source>first token {0}</source>
        <translation>首字 {0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="164"/>
        <source>total {0}</source>
        <translation>总计 {0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="165"/>
        <source>{0} tokens</source>
        <translation>{0} 个 token</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="166"/>
        <source>cost ≈ {0}</source>
        <translation>费用 ≈ {0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="168"/>
        <source>CER {0}</source>
        <translation>字错率 {0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="187"/>
        <source>This column is the reference the others are compared with.</source>
        <translation>此列是参照，其他各列都与它比较。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="193"/>
        <source>Waiting for this answer…</source>
        <translation>正在等待此回答…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="194"/>
        <source>Choose a reference above: a column or pasted text.</source>
        <translation>请在上方选择参照：某一列，或粘贴的文本。</translation>
    </message>
</context>
<context>
    <name>CompareGrid</name>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="138"/>
        <source>Reference</source>
        <translation>参照</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="140"/>
        <source>The text every other column is compared with: a column, or text you paste</source>
        <translation>其他各列用来比较的文本：某一列的回答，或你粘贴的文本</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="141"/>
        <source>Reference for the agreement view</source>
        <translation>一致性视图的参照</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="142"/>
        <source>Show differences</source>
        <translation>显示差异</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="143"/>
        <source>Show every column&apos;s differences from the reference</source>
        <translation>显示每一列与参照的差异</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="144"/>
        <source>Sync scrolling</source>
        <translation>同步滚动</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="145"/>
        <source>Scrolling one answer scrolls the others alike</source>
        <translation>滚动一个回答时，其他回答同步滚动</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="146"/>
        <source>Add model…</source>
        <translation>添加模型…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="147"/>
        <source>Add a model to this comparison; the others are kept</source>
        <translation>向此对比添加一个模型；已有的列保留</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="148"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="149"/>
        <source>Save the comparison as Markdown, JSON or CSV</source>
        <translation>将对比保存为 Markdown、JSON 或 CSV</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="151"/>
        <source>Paste the correct text here; every column is compared with it</source>
        <translation>在此粘贴正确的文本；每一列都将与它比较</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="227"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="229"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="233"/>
        <source>Pasted text…</source>
        <translation>粘贴的文本…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="316"/>
        <source>Fastest</source>
        <translation>最快</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="317"/>
        <source>Fewest tokens</source>
        <translation>token 最少</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="319"/>
        <source>Cheapest</source>
        <translation>最便宜</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="322"/>
        <source>Closest to the reference</source>
        <translation>最接近参照</translation>
    </message>
</context>
<context>
    <name>ComparisonController</name>
    <message>
        <location filename="../../src/visiondesk/gui/compare_controller.py" line="103"/>
        <source>There is no comparison to export yet.</source>
        <translation>还没有可导出的对比。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_controller.py" line="105"/>
        <source>Export Comparison</source>
        <translation>导出对比</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_controller.py" line="107"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_controller.py" line="107"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_controller.py" line="108"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_controller.py" line="137"/>
        <source>Cannot write {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_controller.py" line="140"/>
        <source>Comparison saved to {0}</source>
        <translation>对比已保存到 {0}</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <location filename="../../src/visiondesk/gui/controller.py" line="265"/>
        <source>{0} has no API key. Add one in Settings (Ctrl+,), or choose Local OCR (offline), which needs none.</source>
        <translation>{0} 没有 API 密钥。请在设置（Ctrl+,）中添加，或选择无需密钥的“本地 OCR（离线）”。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/controller.py" line="302"/>
        <source>pasted image</source>
        <translation>粘贴的图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/controller.py" line="303"/>
        <source>dropped image</source>
        <translation>拖入的图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/controller.py" line="319"/>
        <source>The clipboard holds no image, image file or image URL.</source>
        <translation>剪贴板里没有图片、图片文件或图片网址。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/controller.py" line="333"/>
        <source>Not an image file or URL: {0}</source>
        <translation>不是图片文件或网址：{0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/controller.py" line="387"/>
        <source>Cannot open {0}: {1}</source>
        <translation>无法打开 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/controller.py" line="483"/>
        <source>No page of {0} is chosen; check a page or type pages like 1-3.</source>
        <translation>{0} 没有选中任何页面；请勾选页面，或输入页码，如 1-3。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/controller.py" line="597"/>
        <source>The local OCR engine has one model.</source>
        <translation>本地 OCR 引擎只有一个模型。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/controller.py" line="599"/>
        <source>Fetching the model list…</source>
        <translation>正在获取模型列表…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/controller.py" line="619"/>
        <source>{0} models</source>
        <translation>共 {0} 个模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/controller.py" line="632"/>
        <source>Check at least one model first.</source>
        <translation>请先勾选至少一个模型。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/controller.py" line="635"/>
        <location filename="../../src/visiondesk/gui/controller.py" line="664"/>
        <source>Add an image first.</source>
        <translation>请先添加一张图片。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/controller.py" line="645"/>
        <source>A comparison holds up to {0} models; the first {0} run.</source>
        <translation>一次对比最多 {0} 个模型；只运行前 {0} 个。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/controller.py" line="660"/>
        <source>A comparison holds up to {0} models.</source>
        <translation>一次对比最多 {0} 个模型。</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <location filename="../../src/visiondesk/gui/demo.py" line="226"/>
        <source>Demo: sample answers for the documentation; nothing was sent.</source>
        <translation>演示：用于文档的示例回答，未发送任何请求。</translation>
    </message>
</context>
<context>
    <name>ImagePanel</name>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="278"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="279"/>
        <source>Fit the image to the window</source>
        <translation>让图片适应窗口大小</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="280"/>
        <source>Fit to window</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="281"/>
        <source>100%</source>
        <translation>100%</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="282"/>
        <source>Show the image at its real size; drag to pan</source>
        <translation>按实际尺寸显示图片；拖动可平移</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="283"/>
        <source>Actual size</source>
        <translation>实际尺寸</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="284"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="285"/>
        <source>Open image files (Ctrl+O)</source>
        <translation>打开图片文件（Ctrl+O）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="286"/>
        <source>Open images</source>
        <translation>打开图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="287"/>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="288"/>
        <source>Paste an image, a file path or a URL (Ctrl+V)</source>
        <translation>粘贴图片、文件路径或网址（Ctrl+V）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="289"/>
        <source>Paste image</source>
        <translation>粘贴图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="290"/>
        <source>Capture</source>
        <translation>截图</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="291"/>
        <source>Capture a region of the screen (Ctrl+Shift+S)</source>
        <translation>截取屏幕的一块区域（Ctrl+Shift+S）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="292"/>
        <source>Capture screen region</source>
        <translation>截取屏幕区域</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="293"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="294"/>
        <source>Remove this image</source>
        <translation>移除这张图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="295"/>
        <source>Remove image</source>
        <translation>移除图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="297"/>
        <source>Drop an image here

or paste one with Ctrl+V, open a file with Ctrl+O,
or enter an image URL below</source>
        <translation>把图片拖到这里

也可以按 Ctrl+V 粘贴、按 Ctrl+O 打开文件，
或在下方输入图片网址</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="299"/>
        <source>Image preview</source>
        <translation>图片预览</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="300"/>
        <source>Images to send</source>
        <translation>待发送的图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="301"/>
        <source>Image URL or file path, then Enter</source>
        <translation>输入图片网址或文件路径，按回车添加</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="302"/>
        <source>Image URL</source>
        <translation>图片网址</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="303"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="304"/>
        <source>Add image from URL</source>
        <translation>从网址添加图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="430"/>
        <source>{0} lines found: click one to copy it, drag across several to copy them</source>
        <translation>识别出 {0} 行：点击一行即可复制，拖选多行可一并复制</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="438"/>
        <source>Cannot use this image: {0}</source>
        <translation>无法使用这张图片：{0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="444"/>
        <source>Loading {0}…</source>
        <translation>正在载入 {0}…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="446"/>
        <source>{0} × {1} px · preparing…</source>
        <translation>{0} × {1} 像素 · 正在处理…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="451"/>
        <source>Sends {0} × {1} px</source>
        <translation>发送 {0} × {1} 像素</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="454"/>
        <source>≈ {0} image tokens</source>
        <translation>约 {0} 个图像 token</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="457"/>
        <source>original {0} × {1}</source>
        <translation>原图 {0} × {1}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="459"/>
        <source>{0} images</source>
        <translation>共 {0} 张图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="468"/>
        <source>{0} pages</source>
        <translation>共 {0} 页</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="469"/>
        <source>1 page</source>
        <translation>共 1 页</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="471"/>
        <source>sends the whole PDF as a file (page images for Local OCR)</source>
        <translation>整个 PDF 作为文件发送（本地 OCR 仍按页面图片识别）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="473"/>
        <source>no page chosen</source>
        <translation>未选择页面</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="475"/>
        <source>sends every page at {0} dpi</source>
        <translation>以 {0} dpi 发送全部页面</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="477"/>
        <source>sends page {0} at {1} dpi</source>
        <translation>以 {1} dpi 发送第 {0} 页</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="479"/>
        <source>sends pages {0} at {1} dpi</source>
        <translation>以 {1} dpi 发送第 {0} 页</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="481"/>
        <source>page {0}: {1} × {2} px</source>
        <translation>第 {0} 页：{1} × {2} 像素</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="500"/>
        <source>Copied “{0}”</source>
        <translation>已复制“{0}”</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="504"/>
        <source>Copied {0} lines</source>
        <translation>已复制 {0} 行</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="505"/>
        <source>Copied 1 line</source>
        <translation>已复制 1 行</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="187"/>
        <source>VisionDesk</source>
        <translation>VisionDesk 视觉助手</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="188"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="189"/>
        <location filename="../../src/visiondesk/gui/main_window.py" line="200"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="190"/>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="191"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="193"/>
        <source>&amp;Open Images…</source>
        <translation>打开图片(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="193"/>
        <source>Open image files</source>
        <translation>打开图片文件</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="194"/>
        <source>&amp;Paste Image</source>
        <translation>粘贴图片(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="194"/>
        <source>Paste an image, path or URL</source>
        <translation>粘贴图片、路径或网址</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="195"/>
        <source>&amp;Capture Screen Region…</source>
        <translation>截取屏幕区域(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="196"/>
        <source>Capture a region of the screen</source>
        <translation>截取屏幕的一块区域</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="197"/>
        <source>&amp;Export Comparison…</source>
        <translation>导出对比(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="198"/>
        <source>Save the comparison as Markdown, JSON or CSV</source>
        <translation>将对比保存为 Markdown、JSON 或 CSV</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="199"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="199"/>
        <source>Quit VisionDesk</source>
        <translation>退出 VisionDesk</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="200"/>
        <source>Run every checked model</source>
        <translation>用所有勾选的模型运行</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="201"/>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="201"/>
        <source>Stop every running model</source>
        <translation>停止所有正在运行的模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="202"/>
        <source>&amp;Copy Answer as Plain Text</source>
        <translation>复制回答为纯文本(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="203"/>
        <source>Copy the answer without Markdown</source>
        <translation>复制去掉 Markdown 标记的回答</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="204"/>
        <source>Re&amp;fresh Models</source>
        <translation>刷新模型列表(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="204"/>
        <source>Fetch the model list</source>
        <translation>获取模型列表</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="205"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="205"/>
        <source>Providers, keys and language</source>
        <translation>服务商、密钥与语言</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="211"/>
        <source>Follow the System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="214"/>
        <location filename="../../src/visiondesk/gui/main_window.py" line="216"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="215"/>
        <source>Run every checked model (Ctrl+Enter)</source>
        <translation>用所有勾选的模型运行（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="217"/>
        <location filename="../../src/visiondesk/gui/main_window.py" line="219"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="218"/>
        <source>Stop every running model (Esc)</source>
        <translation>停止所有正在运行的模型（Esc）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="220"/>
        <source>Ctrl+Enter runs · Esc stops · Ctrl+Shift+C copies</source>
        <translation>Ctrl+Enter 运行 · Esc 停止 · Ctrl+Shift+C 复制</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="287"/>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="296"/>
        <source>There is no answer to copy yet.</source>
        <translation>还没有可复制的回答。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="299"/>
        <source>Answer copied as plain text.</source>
        <translation>已将回答复制为纯文本。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="310"/>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="310"/>
        <source>All files</source>
        <translation>所有文件</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="312"/>
        <source>Open Images</source>
        <translation>打开图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="326"/>
        <source>Still loading the providers…</source>
        <translation>仍在载入服务商…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="342"/>
        <source>Drop an image file, an image or an image URL.</source>
        <translation>请拖入图片文件、图片或图片网址。</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="135"/>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="136"/>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="137"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="138"/>
        <source>Fetch the model list from the server (F5)</source>
        <translation>从服务器获取模型列表（F5）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="139"/>
        <source>Refresh models</source>
        <translation>刷新模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="140"/>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="142"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="141"/>
        <source>Check several models to compare their answers</source>
        <translation>勾选多个模型可对比它们的回答</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="143"/>
        <source>Type a model name and press Enter</source>
        <translation>输入模型名称后按回车</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="144"/>
        <source>Add a model by name</source>
        <translation>按名称添加模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="145"/>
        <source>+ Add from another provider…</source>
        <translation>+ 添加其他服务商的模型…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="147"/>
        <source>Compare with a model of another provider in the same run</source>
        <translation>在同一次运行中与其他服务商的模型对比</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="148"/>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="154"/>
        <source>API style</source>
        <translation>接口类型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="149"/>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="157"/>
        <source>Reasoning effort</source>
        <translation>推理强度</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="150"/>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="151"/>
        <source>Stream the answer</source>
        <translation>流式输出回答</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="152"/>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="155"/>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="152"/>
        <source>Chat Completions</source>
        <translation>Chat Completions</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="153"/>
        <source>Responses</source>
        <translation>Responses</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="155"/>
        <source>Minimal</source>
        <translation>最低</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="155"/>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="156"/>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="156"/>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="250"/>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="302"/>
        <source>{0} at {1}</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="261"/>
        <source>Remove from the list</source>
        <translation>从列表中移除</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="307"/>
        <source>{0}  (text only)</source>
        <translation>{0}（仅文本）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="309"/>
        <source>This model does not see images</source>
        <translation>此模型无法识别图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="312"/>
        <source>Sees images</source>
        <translation>支持图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="312"/>
        <source>Unknown whether it sees images</source>
        <translation>不确定是否支持图片</translation>
    </message>
</context>
<context>
    <name>PdfPagesBar</name>
    <message>
        <location filename="../../src/visiondesk/gui/pdf_pages.py" line="122"/>
        <source>&amp;Pages</source>
        <translation>页面(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pdf_pages.py" line="123"/>
        <source>all, or e.g. 1-3,5</source>
        <translation>全部，或如 1-3,5</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pdf_pages.py" line="124"/>
        <source>Pages to send, e.g. 1-3,5; empty sends every page</source>
        <translation>要发送的页面，如 1-3,5；留空则发送全部页面</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pdf_pages.py" line="125"/>
        <source>Pages to send</source>
        <translation>要发送的页面</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pdf_pages.py" line="126"/>
        <source>&amp;Resolution</source>
        <translation>分辨率(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pdf_pages.py" line="127"/>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pdf_pages.py" line="128"/>
        <source>Pages are rendered at this resolution before sending</source>
        <translation>页面按此分辨率渲染后再发送</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pdf_pages.py" line="129"/>
        <source>Page resolution in dots per inch</source>
        <translation>页面分辨率（每英寸点数）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pdf_pages.py" line="130"/>
        <source>Send PDF as a file (Responses API)</source>
        <translation>将 PDF 作为文件发送（Responses API）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pdf_pages.py" line="132"/>
        <source>Send the whole document instead of page images, so the model also reads its text layer. Local OCR always reads page images.</source>
        <translation>发送整个文档而非页面图片，模型还能读取其中的文字层。本地 OCR 始终识别页面图片。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pdf_pages.py" line="134"/>
        <source>Pages; checked pages are sent</source>
        <translation>页面；勾选的页面会被发送</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pdf_pages.py" line="137"/>
        <location filename="../../src/visiondesk/gui/pdf_pages.py" line="162"/>
        <source>Page {0}</source>
        <translation>第 {0} 页</translation>
    </message>
</context>
<context>
    <name>PromptEditor</name>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="82"/>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="85"/>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="84"/>
        <source>Ask about the image, e.g. “What does this receipt say?” — Ctrl+Enter runs</source>
        <translation>就图片提问，例如“这张收据上写了什么？”——按 Ctrl+Enter 运行</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="86"/>
        <source>Optional instructions sent as the system message</source>
        <translation>可选：作为系统消息发送的指令</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="87"/>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="88"/>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="89"/>
        <source>Show or hide the system prompt</source>
        <translation>显示或隐藏系统提示词</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="91"/>
        <source>Templates…</source>
        <translation>模板…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="95"/>
        <source>Prompt templates</source>
        <translation>提示词模板</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="96"/>
        <source>Insert a ready-made prompt</source>
        <translation>插入现成的提示词</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="106"/>
        <source>Describe the image</source>
        <translation>描述图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="107"/>
        <source>Transcribe all text (OCR)</source>
        <translation>逐字识别文字（OCR）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="108"/>
        <source>Table to Markdown</source>
        <translation>表格转 Markdown</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="109"/>
        <source>Extract fields as JSON</source>
        <translation>提取字段为 JSON</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="110"/>
        <source>Translate the text in the image</source>
        <translation>翻译图中文字</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="115"/>
        <source>Describe this image in detail: what it shows, its layout, and anything notable.</source>
        <translation>请详细描述这张图片：内容是什么、画面布局如何，以及值得注意的细节。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="117"/>
        <source>Transcribe all text in this image verbatim, keeping the line breaks and reading order. Output only the text.</source>
        <translation>请逐字转写图片中的全部文字，保留换行和阅读顺序。只输出文字本身。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="119"/>
        <source>Convert the table in this image to a Markdown table. Keep every row and column; leave empty cells empty.</source>
        <translation>请把图片中的表格转换为 Markdown 表格，保留所有行和列，空白单元格保持为空。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="121"/>
        <source>Extract the key fields from this image (for a receipt or invoice: vendor, date, items, totals, currency) and output them as one JSON object, with null for missing values.</source>
        <translation>请从图片中提取关键字段（收据或发票：商家、日期、商品明细、合计、币种），输出为一个 JSON 对象，缺失的值用 null 表示。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="124"/>
        <source>Translate all text in this image into English. Keep the structure, and put the original next to each line.</source>
        <translation>请把图片中的全部文字翻译成简体中文，保留原有结构，并在每行旁边附上原文。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="151"/>
        <source>Recent…</source>
        <translation>最近…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="152"/>
        <source>Recent prompts</source>
        <translation>最近用过的提示词</translation>
    </message>
</context>
<context>
    <name>RegionSelector</name>
    <message>
        <location filename="../../src/visiondesk/gui/capture.py" line="67"/>
        <source>screen capture</source>
        <translation>屏幕截图</translation>
    </message>
</context>
<context>
    <name>ResultPane</name>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="167"/>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="179"/>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="167"/>
        <source>Text</source>
        <translation>纯文本</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="167"/>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="181"/>
        <source>Reasoning</source>
        <translation>推理过程</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="167"/>
        <source>Usage</source>
        <translation>用量</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="168"/>
        <source>Raw</source>
        <translation>原始数据</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="171"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="172"/>
        <source>Copy the contents of this tab</source>
        <translation>复制此标签页的内容</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="173"/>
        <source>Copy tab contents</source>
        <translation>复制标签页内容</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="174"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="175"/>
        <source>Stop this model</source>
        <translation>停止此模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="176"/>
        <source>Run again</source>
        <translation>重新运行</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="177"/>
        <source>Run this model again</source>
        <translation>再次运行此模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="178"/>
        <source>Result tabs</source>
        <translation>结果标签页</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="180"/>
        <source>Plain text of the answer</source>
        <translation>回答的纯文本</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="182"/>
        <source>Raw request and response</source>
        <translation>原始请求与响应</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="368"/>
        <source>{0} in</source>
        <translation>输入 {0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="370"/>
        <source>{0} out</source>
        <translation>输出 {0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="372"/>
        <source>{0} reasoning</source>
        <translation>推理 {0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="374"/>
        <source>first token {0}</source>
        <translation>首字 {0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="376"/>
        <source>total {0}</source>
        <translation>总计 {0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="379"/>
        <source>{0} tokens/s</source>
        <translation>{0} token/秒</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="382"/>
        <source>cost ≈ {0}</source>
        <translation>费用 ≈ {0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="389"/>
        <source>Streaming…</source>
        <translation>正在输出…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="390"/>
        <source>Waiting for the server…</source>
        <translation>正在等待服务器…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="393"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="394"/>
        <source>Incomplete</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="395"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="396"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="417"/>
        <source>The server refused the API key</source>
        <translation>服务器拒绝了 API 密钥</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="418"/>
        <source>No permission for this model</source>
        <translation>无权使用此模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="419"/>
        <source>Rate limited</source>
        <translation>请求过于频繁</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="420"/>
        <source>No quota left</source>
        <translation>额度已用完</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="421"/>
        <source>The server refused the request</source>
        <translation>服务器拒绝了请求</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="422"/>
        <source>Model or address not found</source>
        <translation>找不到模型或地址</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="423"/>
        <source>The image is too large for this server</source>
        <translation>图片超出了该服务器的大小限制</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="424"/>
        <source>The server failed</source>
        <translation>服务器出错</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="425"/>
        <source>Could not reach the server</source>
        <translation>无法连接服务器</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="426"/>
        <source>The server took too long</source>
        <translation>服务器响应超时</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="427"/>
        <source>Unexpected answer from the server</source>
        <translation>服务器返回了无法识别的内容</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="428"/>
        <source>The image cannot be sent</source>
        <translation>无法发送这张图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="429"/>
        <source>Configuration problem</source>
        <translation>配置有误</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="431"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="435"/>
        <source>Check the API key for this provider in Settings.</source>
        <translation>请在“设置”中检查该服务商的 API 密钥。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="436"/>
        <source>The key may lack access to this model, or the balance is empty.</source>
        <translation>该密钥可能无权使用此模型，或账户余额不足。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="437"/>
        <source>Wait a moment and try again.</source>
        <translation>请稍等片刻再试。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="438"/>
        <source>Top up the account with the provider.</source>
        <translation>请到服务商处为账户充值。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="439"/>
        <source>A smaller image often helps.</source>
        <translation>换用更小的图片通常能解决。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="440"/>
        <source>Check the model name and the base URL.</source>
        <translation>请检查模型名称和接口地址。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="441"/>
        <source>Lower the maximum image side in Settings.</source>
        <translation>请在“设置”中调低图片最大边长。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="442"/>
        <source>The server or a proxy in front of it failed; try again later.</source>
        <translation>服务器或其前置代理出错，请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="443"/>
        <source>Check the base URL, the proxy and the network.</source>
        <translation>请检查接口地址、代理和网络。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="444"/>
        <source>Raise the read timeout in Settings for slow reasoning models.</source>
        <translation>推理较慢的模型请在“设置”中调高读取超时。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="445"/>
        <source>The server did not answer like an OpenAI-compatible API.</source>
        <translation>服务器的响应不符合 OpenAI 兼容接口的格式。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="446"/>
        <source>Pick a different file or re-save the image as PNG or JPEG.</source>
        <translation>请换一个文件，或将图片另存为 PNG 或 JPEG。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="447"/>
        <source>Open Settings to check the provider.</source>
        <translation>请打开“设置”检查服务商配置。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="450"/>
        <source>The relay has no channel serving this model; pick another model or relay.</source>
        <translation>该中转站没有可用于此模型的渠道，请换一个模型或中转站。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="466"/>
        <source>The model returned no reasoning.</source>
        <translation>模型没有返回推理过程。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="480"/>
        <source>… {0} more characters not shown</source>
        <translation>… 另有 {0} 个字符未显示</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="481"/>
        <source>(the request is shown once it is sent)</source>
        <translation>（请求发出后会显示在这里）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="482"/>
        <source>Request</source>
        <translation>请求</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="482"/>
        <source>Response</source>
        <translation>响应</translation>
    </message>
</context>
<context>
    <name>ResultsArea</name>
    <message>
        <location filename="../../src/visiondesk/gui/results_area.py" line="43"/>
        <source>Answers appear here.

Add an image, write a prompt, check one or more models
and press Ctrl+Enter. Esc stops.</source>
        <translation>回答会显示在这里。

添加图片、写好提示词、勾选一个或多个模型，
然后按 Ctrl+Enter。按 Esc 停止。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="187"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="188"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="189"/>
        <source>Providers</source>
        <translation>服务商</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="190"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="191"/>
        <source>Key storage</source>
        <translation>密钥存储</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="193"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="198"/>
        <source>Add preset</source>
        <translation>添加预设</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="199"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="200"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="202"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="202"/>
        <source>Base URL</source>
        <translation>接口地址</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="202"/>
        <source>API style</source>
        <translation>接口类型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="202"/>
        <source>Max image side</source>
        <translation>图片最大边长</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="203"/>
        <source>Connect timeout (s)</source>
        <translation>连接超时（秒）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="203"/>
        <source>Read timeout (s)</source>
        <translation>读取超时（秒）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="203"/>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="206"/>
        <source>none (system proxy variables apply)</source>
        <translation>无（使用系统代理环境变量）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="208"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="208"/>
        <source>Chat Completions</source>
        <translation>Chat Completions</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="208"/>
        <source>Responses</source>
        <translation>Responses</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="210"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="210"/>
        <source>Sees images</source>
        <translation>支持图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="210"/>
        <source>Max side</source>
        <translation>最大边长</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="211"/>
        <source>Price in / 1M</source>
        <translation>输入单价 / 百万</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="211"/>
        <source>Price out / 1M</source>
        <translation>输出单价 / 百万</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="212"/>
        <source>Add model</source>
        <translation>添加模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="213"/>
        <source>Remove model</source>
        <translation>移除模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="214"/>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="215"/>
        <source>Paste a key to store it in the OS keyring</source>
        <translation>粘贴密钥，它将保存在系统钥匙串中</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="216"/>
        <source>Save key</source>
        <translation>保存密钥</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="217"/>
        <source>Delete key</source>
        <translation>删除密钥</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="218"/>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="219"/>
        <source>Save provider</source>
        <translation>保存服务商</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="220"/>
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="220"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="221"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="328"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="346"/>
        <source>New provider</source>
        <translation>新服务商</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="379"/>
        <source>OS keyring in use ({0}).</source>
        <translation>正在使用系统钥匙串（{0}）。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="381"/>
        <source>No usable OS keyring: {0}</source>
        <translation>没有可用的系统钥匙串：{0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="392"/>
        <source>A key is stored in the OS keyring.</source>
        <translation>系统钥匙串中已保存密钥。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="393"/>
        <source>No key stored for this provider.</source>
        <translation>尚未为该服务商保存密钥。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="431"/>
        <source>The connection test is not available in this build.</source>
        <translation>此版本不提供连接测试。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="439"/>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="439"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>_UsageView</name>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="533"/>
        <source>Input tokens</source>
        <translation>输入 token</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="534"/>
        <source>Output tokens</source>
        <translation>输出 token</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="535"/>
        <source>Reasoning tokens</source>
        <translation>推理 token</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="536"/>
        <source>Cached tokens</source>
        <translation>缓存 token</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="537"/>
        <source>Total tokens</source>
        <translation>总 token</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="538"/>
        <source>Time to first token</source>
        <translation>首字延迟</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="539"/>
        <source>Total time</source>
        <translation>总耗时</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="540"/>
        <source>Tokens per second</source>
        <translation>每秒 token 数</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="541"/>
        <source>Estimated cost</source>
        <translation>预估费用</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="569"/>
        <source>set a price per million tokens in Settings</source>
        <translation>在“设置”中填写每百万 token 单价后显示</translation>
    </message>
</context>
</TS>
